// The canonical customer (key account). The hub keys customers on its own id: the VIP number encodes
// level and region and so changes on an upgrade, a downgrade or a move (SAL010030070), and every
// number a customer has had must still resolve to it.

export type CustomerLevel = '1A' | '2A' | '3A' | '4A' | '5A';
export type AttentionTier = 'national' | 'province' | 'city' | 'other';
export type ServiceLevelAgreement = 'A' | 'AA' | 'AAA';
export type CustomerStatus = 'potential' | 'formal' | 'churned' | 'cancelled';
export type CustomerType = 'key_account' | 'commercial' | 'other';

export interface Customer {
  /** The hub's own stable id. */
  id: string;
  /** The VIP number in force; earlier numbers live in the VIP number history. */
  vipNumber: string;
  /** The 97 system's customer id (DKH_ID), learned where the legacy hands it out (VIP_GET_SOS). */
  legacyCustomerId: number | null;
  name: string;
  customerType: CustomerType;
  /** Telecom (exchange) area, EXCH. */
  exchangeArea: string | null;
  /** Administrative area, BAREA (see the decision record on BAREA). */
  administrativeArea: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  address: string | null;
  postcode: string | null;
  /** From the VIP number's 2nd digit until the CRM functions compute it from spend. */
  level: CustomerLevel | null;
  tier: AttentionTier | null;
  serviceLevel: ServiceLevelAgreement | null;
  /** National industry classification: section letter, from the VIP number's 5th digit. */
  industrySection: string | null;
  /**
   * The industry group the VIP number's 5th digit names ('finance', 'commerce' …: one digit cannot
   * index 20 sections, see mappings/code-tables/vip-number.json); industrySection is set only when
   * the group is a single section.
   */
  industryGroup?: string | null;
  /** Region index from the VIP number's 3rd–4th digits. */
  regionCode: string | null;
  manager: string | null;
  status: CustomerStatus;
  statusTime: Date | null;
}

export interface VipNumberHistoryEntry {
  vipNumber: string;
  customerId: string;
  validFrom: Date;
  /** null while the number is in force. */
  validTo: Date | null;
}
