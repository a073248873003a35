// National industry classification (GB/T 4754-2017): sections (门类) A–T with some of their divisions
// (大类). A customer's industry_code is section + division, e.g. J66. The VIP number has one digit for
// the industry, too few for 20 sections: `vipDigit` groups them, starting with the source's own five
// groups (党政军 1, 银行/金融 2, 旅游 3, 商业 4, 学校 5) and completing them for the other sections.

export interface Section {
  code: string;
  name: string;
  /** Divisions: [two-digit code, name]. */
  divisions: ReadonlyArray<readonly [string, string]>;
  /** Relative share among key accounts. */
  weight: number;
  vipDigit: number;
  /** Trade words for enterprise names (…昆明市{字号}{trade}有限公司). */
  trades: readonly string[];
}

export const SECTIONS: readonly Section[] = [
  { code: 'A', name: '农、林、牧、渔业', weight: 2, vipDigit: 9, divisions: [['01', '农业'], ['02', '林业'], ['05', '农林牧渔专业及辅助性活动']], trades: ['农业开发', '茶业', '花卉', '林业'] },
  { code: 'B', name: '采矿业', weight: 3, vipDigit: 6, divisions: [['06', '煤炭开采和洗选业'], ['09', '有色金属矿采选业']], trades: ['矿业', '煤业', '锡业'] },
  { code: 'C', name: '制造业', weight: 14, vipDigit: 6, divisions: [['13', '农副食品加工业'], ['16', '烟草制品业'], ['26', '化学原料和化学制品制造业'], ['27', '医药制造业'], ['30', '非金属矿物制品业'], ['39', '计算机、通信和其他电子设备制造业']], trades: ['机械制造', '化工', '水泥', '电子', '制药', '食品'] },
  { code: 'D', name: '电力、热力、燃气及水生产和供应业', weight: 4, vipDigit: 6, divisions: [['44', '电力、热力生产和供应业'], ['45', '燃气生产和供应业'], ['46', '水的生产和供应业']], trades: ['电力', '燃气', '水务'] },
  { code: 'E', name: '建筑业', weight: 5, vipDigit: 9, divisions: [['47', '房屋建筑业'], ['48', '土木工程建筑业']], trades: ['建设工程', '路桥', '建筑'] },
  { code: 'F', name: '批发和零售业', weight: 12, vipDigit: 4, divisions: [['51', '批发业'], ['52', '零售业']], trades: ['商贸', '百货', '医药连锁', '物资'] },
  { code: 'G', name: '交通运输、仓储和邮政业', weight: 6, vipDigit: 7, divisions: [['53', '铁路运输业'], ['54', '道路运输业'], ['56', '航空运输业'], ['59', '装卸搬运和仓储业'], ['60', '邮政业']], trades: ['物流', '运输', '航空服务', '快递'] },
  { code: 'H', name: '住宿和餐饮业', weight: 5, vipDigit: 3, divisions: [['61', '住宿业'], ['62', '餐饮业']], trades: ['酒店管理', '餐饮', '宾馆'] },
  { code: 'I', name: '信息传输、软件和信息技术服务业', weight: 6, vipDigit: 8, divisions: [['63', '电信、广播电视和卫星传输服务'], ['64', '互联网和相关服务'], ['65', '软件和信息技术服务业']], trades: ['网络科技', '软件', '信息技术'] },
  { code: 'J', name: '金融业', weight: 8, vipDigit: 2, divisions: [['66', '货币金融服务'], ['67', '资本市场服务'], ['68', '保险业']], trades: ['投资', '担保'] },
  { code: 'K', name: '房地产业', weight: 5, vipDigit: 4, divisions: [['70', '房地产业']], trades: ['房地产开发', '置业', '物业'] },
  { code: 'L', name: '租赁和商务服务业', weight: 4, vipDigit: 4, divisions: [['71', '租赁业'], ['72', '商务服务业']], trades: ['商务咨询', '租赁', '广告'] },
  { code: 'M', name: '科学研究和技术服务业', weight: 2, vipDigit: 8, divisions: [['73', '研究和试验发展'], ['74', '专业技术服务业']], trades: ['科技', '工程设计', '检测'] },
  { code: 'N', name: '水利、环境和公共设施管理业', weight: 2, vipDigit: 9, divisions: [['76', '水利管理业'], ['77', '生态保护和环境治理业']], trades: ['环境工程', '水利'] },
  { code: 'O', name: '居民服务、修理和其他服务业', weight: 2, vipDigit: 9, divisions: [['80', '居民服务业'], ['81', '机动车、电子产品和日用产品修理业']], trades: ['家政服务', '汽车维修'] },
  { code: 'P', name: '教育', weight: 5, vipDigit: 5, divisions: [['83', '教育']], trades: ['教育'] },
  { code: 'Q', name: '卫生和社会工作', weight: 4, vipDigit: 0, divisions: [['84', '卫生'], ['85', '社会工作']], trades: ['医疗'] },
  { code: 'R', name: '文化、体育和娱乐业', weight: 3, vipDigit: 3, divisions: [['86', '新闻和出版业'], ['87', '广播、电视、电影和录音制作业'], ['90', '娱乐业']], trades: ['文化传媒', '旅游发展', '影视'] },
  { code: 'S', name: '公共管理、社会保障和社会组织', weight: 8, vipDigit: 1, divisions: [['92', '国家机构'], ['93', '人民政协、民主党派'], ['94', '社会保障']], trades: [] },
  { code: 'T', name: '国际组织', weight: 0.1, vipDigit: 9, divisions: [['97', '国际组织']], trades: [] },
];

/** Banks: full name, abbreviation (as payer names are often written: 工行), share. */
export const BANKS: ReadonlyArray<readonly [full: string, short: string, weight: number]> = [
  ['中国工商银行', '工行', 30], ['中国建设银行', '建行', 25], ['中国农业银行', '农行', 20],
  ['中国银行', '中行', 12], ['交通银行', '交行', 6], ['富滇银行', '富滇', 4], ['招商银行', '招行', 3],
];

export const GOVERNMENT_BODIES = [
  '人民政府', '公安局', '财政局', '税务局', '教育局', '卫生健康委员会', '人力资源和社会保障局',
  '自然资源局', '交通运输局', '市场监督管理局', '统计局', '审计局',
] as const;

export const INSURERS = ['中国人寿保险股份有限公司', '中国人民财产保险股份有限公司', '太平洋保险公司'] as const;
