// The synthetic province is Yunnan: its 16 local networks (prefectures) with their long-distance codes,
// districts/counties (administrative areas and exchanges), postcodes. The order of LOCAL_NETWORKS is
// part of the VIP number (digits 3–4 = index + 1), so never reorder it.

export interface District {
  /** Full name with its suffix: 五华区, 宣威市, 通海县. */
  name: string;
  /** Postcode of the district. */
  postcode: string;
}

export interface LocalNetwork {
  /** Long-distance code, e.g. 0871. */
  code: string;
  /** Short name: 昆明. */
  name: string;
  /** Prefecture as written in addresses: 昆明市, 红河州. */
  prefecture: string;
  /** Two letters used in number prefixes and staff ids (KM = 昆明). */
  abbr: string;
  /** Share of the province's customers (relative weight). */
  weight: number;
  districts: District[];
}

const d = (name: string, postcode: string): District => ({ name, postcode });

export const PROVINCE = { name: '云南省', short: '云南' } as const;

export const LOCAL_NETWORKS: readonly LocalNetwork[] = [
  { code: '0871', name: '昆明', prefecture: '昆明市', abbr: 'KM', weight: 34, districts: [d('五华区', '650032'), d('盘龙区', '650051'), d('官渡区', '650200'), d('西山区', '650100'), d('呈贡区', '650500'), d('安宁市', '650300')] },
  { code: '0874', name: '曲靖', prefecture: '曲靖市', abbr: 'QJ', weight: 9, districts: [d('麒麟区', '655000'), d('沾益区', '655331'), d('宣威市', '655400'), d('陆良县', '655600')] },
  { code: '0877', name: '玉溪', prefecture: '玉溪市', abbr: 'YX', weight: 7, districts: [d('红塔区', '653100'), d('江川区', '652600'), d('通海县', '652700')] },
  { code: '0875', name: '保山', prefecture: '保山市', abbr: 'BS', weight: 3, districts: [d('隆阳区', '678000'), d('腾冲市', '679100')] },
  { code: '0870', name: '昭通', prefecture: '昭通市', abbr: 'ZT', weight: 4, districts: [d('昭阳区', '657000'), d('鲁甸县', '657100'), d('镇雄县', '657200')] },
  { code: '0888', name: '丽江', prefecture: '丽江市', abbr: 'LJ', weight: 3, districts: [d('古城区', '674100'), d('玉龙县', '674100')] },
  { code: '0879', name: '普洱', prefecture: '普洱市', abbr: 'PE', weight: 3, districts: [d('思茅区', '665000'), d('宁洱县', '665100')] },
  { code: '0883', name: '临沧', prefecture: '临沧市', abbr: 'LC', weight: 2, districts: [d('临翔区', '677000'), d('云县', '675800')] },
  { code: '0878', name: '楚雄', prefecture: '楚雄州', abbr: 'CX', weight: 4, districts: [d('楚雄市', '675000'), d('禄丰市', '651200')] },
  { code: '0873', name: '红河', prefecture: '红河州', abbr: 'HH', weight: 7, districts: [d('蒙自市', '661100'), d('个旧市', '661000'), d('开远市', '661600'), d('弥勒市', '652300')] },
  { code: '0876', name: '文山', prefecture: '文山州', abbr: 'WS', weight: 3, districts: [d('文山市', '663000'), d('砚山县', '663100')] },
  { code: '0691', name: '西双版纳', prefecture: '西双版纳州', abbr: 'BN', weight: 3, districts: [d('景洪市', '666100'), d('勐海县', '666200')] },
  { code: '0872', name: '大理', prefecture: '大理州', abbr: 'DL', weight: 6, districts: [d('大理市', '671000'), d('祥云县', '672100'), d('宾川县', '671600')] },
  { code: '0692', name: '德宏', prefecture: '德宏州', abbr: 'DH', weight: 2, districts: [d('芒市', '678400'), d('瑞丽市', '678600')] },
  { code: '0886', name: '怒江', prefecture: '怒江州', abbr: 'NJ', weight: 1, districts: [d('泸水市', '673100'), d('兰坪县', '671400')] },
  { code: '0887', name: '迪庆', prefecture: '迪庆州', abbr: 'DQ', weight: 1, districts: [d('香格里拉市', '674400'), d('德钦县', '674500')] },
];

/** Called areas outside the province, for call detail records and the AREA table. */
export const OTHER_AREAS: ReadonlyArray<readonly [code: string, name: string]> = [
  ['010', '北京'], ['021', '上海'], ['020', '广州'], ['0755', '深圳'], ['022', '天津'], ['023', '重庆'],
  ['028', '成都'], ['0851', '贵阳'], ['0771', '南宁'], ['027', '武汉'], ['029', '西安'], ['0571', '杭州'],
  ['025', '南京'], ['0731', '长沙'], ['00852', '香港'], ['00853', '澳门'], ['00886', '台湾'],
  ['001', '美国'], ['0066', '泰国'], ['0095', '缅甸'], ['0084', '越南'], ['00856', '老挝'],
];

/** Streets common in every Chinese city; faker adds invented ones beside them. */
export const COMMON_STREETS = [
  '人民路', '解放路', '建设路', '东风路', '北京路', '环城路', '青年路', '文化路', '新华路', '胜利路',
  '中山路', '滇池路', '金碧路', '学府路', '春城路', '龙泉路', '广福路', '世纪大道', '南屏街', '正义路',
] as const;
