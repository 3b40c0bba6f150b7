import {
  FIXED_MASK,
  PROVINCES,
  ageBand,
  fixedMask,
  maskAddress,
  parseDataClass,
  parseMaskingRule,
  provinceOf,
} from '../../../shared/engine/masking';

// The 34 provincial-level divisions, written out here independently of the module's table:
// official name, name without suffix, Traditional form (when it differs).
const DIVISIONS: [string, string, string | null][] = [
  ['北京市', '北京', null],
  ['天津市', '天津', null],
  ['上海市', '上海', null],
  ['重庆市', '重庆', '重慶'],
  ['河北省', '河北', null],
  ['山西省', '山西', null],
  ['辽宁省', '辽宁', '遼寧'],
  ['吉林省', '吉林', null],
  ['黑龙江省', '黑龙江', '黑龍江'],
  ['江苏省', '江苏', '江蘇'],
  ['浙江省', '浙江', null],
  ['安徽省', '安徽', null],
  ['福建省', '福建', null],
  ['江西省', '江西', null],
  ['山东省', '山东', '山東'],
  ['河南省', '河南', null],
  ['湖北省', '湖北', null],
  ['湖南省', '湖南', null],
  ['广东省', '广东', '廣東'],
  ['海南省', '海南', null],
  ['四川省', '四川', null],
  ['贵州省', '贵州', '貴州'],
  ['云南省', '云南', '雲南'],
  ['陕西省', '陕西', '陝西'],
  ['甘肃省', '甘肃', '甘肅'],
  ['青海省', '青海', null],
  ['台湾省', '台湾', '臺灣'],
  ['内蒙古自治区', '内蒙古', '內蒙古'],
  ['广西壮族自治区', '广西', '廣西'],
  ['西藏自治区', '西藏', null],
  ['宁夏回族自治区', '宁夏', '寧夏'],
  ['新疆维吾尔自治区', '新疆', null],
  ['香港特别行政区', '香港', null],
  ['澳门特别行政区', '澳门', '澳門'],
];

describe('provinceOf', () => {
  it('knows all 34 divisions', () => {
    expect(DIVISIONS.length).toBe(34);
    expect(PROVINCES.map(([official]) => official).sort()).toEqual(DIVISIONS.map(([official]) => official).sort());
  });

  it.each(DIVISIONS.map(([official]) => [official]))('%s, written in full', (official) => {
    expect(provinceOf(official)).toBe(official);
    expect(provinceOf(`${official}某某路88号`)).toBe(official);
  });

  it.each(DIVISIONS.map(([official, short]) => [short, official]))('%s, without suffix → %s', (short, official) => {
    expect(provinceOf(short)).toBe(official);
    expect(provinceOf(`${short}某某区某某小区3栋`)).toBe(official);
  });

  it.each(DIVISIONS.filter(([, , trad]) => trad !== null).map(([official, , trad]) => [trad!, official]))(
    '%s (Traditional) → %s',
    (trad, official) => {
      expect(provinceOf(trad)).toBe(official);
    },
  );

  it.each([
    ['廣東省廣州市天河區', '广东省'],
    ['台灣台北市', '台湾省'],
    ['臺灣省', '台湾省'],
    ['澳門特別行政區', '澳门特别行政区'],
    ['香港特別行政區九龍', '香港特别行政区'],
    ['廣西壯族自治區', '广西壮族自治区'],
    ['新疆維吾爾自治區', '新疆维吾尔自治区'],
    ['內蒙古自治區', '内蒙古自治区'],
    ['寧夏回族自治區', '宁夏回族自治区'],
    ['重慶市渝中區', '重庆市'],
  ])('Traditional address %s → %s', (address, official) => {
    expect(provinceOf(address)).toBe(official);
  });

  it.each([
    ['吉林省吉林市船营区', '吉林省'], // province and city share a name
    ['吉林市船营区', '吉林省'], // the city alone still names the province
    ['山西太原', '山西省'],
    ['陕西西安', '陕西省'],
    ['陝西省西安市', '陕西省'],
    ['内蒙古包头', '内蒙古自治区'],
    ['内蒙包头', '内蒙古自治区'],
    ['广西南宁', '广西壮族自治区'],
    ['广东省深圳市南山区', '广东省'],
    ['上海市黄浦区西藏中路18号', '上海市'], // a street named after a province comes later
    ['上海市长宁区湖南路', '上海市'],
    ['黑龙江省哈尔滨市', '黑龙江省'],
    ['北京市海淀区', '北京市'],
    ['  广东 省 深圳 ', '广东省'],
    ['ＧＤ广东', '广东省'],
    ['青海省海南藏族自治州', '青海省'], // 海南 here is a prefecture of Qinghai
  ])('%s → %s', (address, official) => {
    expect(provinceOf(address)).toBe(official);
  });

  it.each([
    ['广州市天河区体育西路'],
    ['深圳市南山区'],
    ['广州市北京路'], // a street, not the city
    ['黄浦区西藏中路18号'],
    ['杭州市浙江西路'],
    ['Guangdong Province, Shenzhen'],
    ['某某街道'],
    [''],
  ])('%j names no province', (address) => {
    expect(provinceOf(address)).toBeNull();
  });
});

describe('maskAddress', () => {
  it.each([
    ['广东省深圳市南山区科技园1号', '广东省'],
    ['北京海淀区中关村大街1号', '北京市'],
    ['香港九龙', '香港特别行政区'],
    ['深圳市南山区科技园1号', FIXED_MASK],
    ['广州市北京路', FIXED_MASK],
    ['', FIXED_MASK],
    ['Room 1, 1 Nathan Road', FIXED_MASK],
  ])('%j → %j', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it.each([[null], [undefined]])('masks %j entirely', (value) => {
    expect(maskAddress(value)).toBe(FIXED_MASK);
  });
});

describe('ageBand', () => {
  it.each<[number | string, string, string]>([
    [24, '20-24岁', '20–24'],
    [25, '25-29岁', '25–29'],
    [29, '25-29岁', '25–29'],
    [30, '30-34岁', '30–34'],
    [0, '0-4岁', '0–4'],
    [4.9, '0-4岁', '0–4'],
    [120, '120-124岁', '120–124'],
    [130, '130-134岁', '130–134'],
    ['25', '25-29岁', '25–29'],
    ['25岁', '25-29岁', '25–29'],
    ['２５歲', '25-29岁', '25–29'],
    [' 37 ', '35-39岁', '35–39'],
    ['44 years', '40-44岁', '40–44'],
  ])('%j → %s / %s', (age, zh, en) => {
    expect(ageBand(age, 'zh-CN')).toBe(zh);
    expect(ageBand(age, 'en-US')).toBe(en);
  });

  it.each<[unknown]>([[-1], [-0.5], [131], [200], [NaN], [Infinity], ['abc'], [''], ['25-30岁'], ['-5'], ['1e2'], [null], [undefined]])(
    'masks %j entirely',
    (age) => {
      expect(ageBand(age as number, 'zh-CN')).toBe(FIXED_MASK);
      expect(ageBand(age as number, 'en-US')).toBe(FIXED_MASK);
    },
  );
});

describe('fixedMask', () => {
  it.each([['13800138000'], [''], ['a much longer value that must not show its length'], [42]])('%j → ***', (v) => {
    expect(fixedMask(v)).toBe('***');
  });
});

describe('parseMaskingRule', () => {
  it.each([
    ['只保留省份', 'province'],
    ['地址:只保留省份(如“广东省”)', 'province'],
    ['省份', 'province'],
    ['Province only', 'province'],
    ['年龄段', 'age-band'],
    ['以年龄段表示(如“25-30岁”)', 'age-band'],
    ['年齡段', 'age-band'],
    ['Age band', 'age-band'],
    ['age-band', 'age-band'],
    ['哈希', 'hash'],
    ['使用哈希算法替换原始ID(如SHA256)', 'hash'],
    ['SHA256', 'hash'],
    ['sha-256', 'hash'],
    ['HMAC-SHA256', 'hash'],
    ['Hash', 'hash'],
    ['掩码', 'fixed'],
    ['***', 'fixed'],
    ['mask', 'fixed'],
    ['Masked', 'fixed'],
    ['', null],
    ['-', null],
    ['无', null],
    ['加密', null],
  ])('%j → %j', (text, rule) => {
    expect(parseMaskingRule(text)).toBe(rule);
  });
});

describe('parseDataClass', () => {
  it.each([
    ['公开', 'public'],
    ['公開', 'public'],
    ['Public', 'public'],
    ['public data', 'public'],
    ['内部', 'internal'],
    ['內部', 'internal'],
    ['internal', 'internal'],
    ['内部数据', 'internal'],
    ['核心', 'core'],
    ['核心数据', 'core'],
    ['核心级', 'core'],
    ['核心 (core)', 'core'],
    ['CORE', 'core'],
    ['sensitive', 'core'],
    ['Confidential', 'core'],
    ['敏感', 'core'],
    ['非公开', null],
    ['公开 (internal)', null],
    ['秘密啦', null],
    ['', null],
    ['-', null],
  ])('%j → %j', (text, cls) => {
    expect(parseDataClass(text)).toBe(cls);
  });
});
