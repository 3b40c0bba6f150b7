/**
 * Traditional → Simplified for the characters that appear in our headers, perspectives,
 * vocabularies and common operations words. Not a general converter: a closed table
 * is small, fast and has no dependency, and unknown characters pass through unchanged.
 */
const PAIRS =
  '標标權权維维負负責责單单間间門门數数稱称據据來来範范圍围務务戶户習习與与長长開开時时結结賴赖進进類类遲迟' +
  '員员級级規规則则脫脱敏敏護护財财額额營营銷销訪访訂订號号碼码齡龄區区縣县廣广東东東东鄉乡龍龙' +
  '環环節节統统計计質质運运營营導导發发後后體体設设論论評评價价覽览導导刪删除除僅仅會会將将爲为為为' +
  '總总萬万億亿點点轉转換换實实際际當当週周歲岁齊齐條条層层態态雙双資资訊讯網网頁页業业產产戲戏' +
  '覽览創创團团隊队項项專专處处學学內内顧顾' +
  // Words of plans and user fields: 手機號, 電話, 郵箱, 身份證, 市場, 活動, 計劃, 準備, 上線, 測試,
  // 審核, 複盤, 談判, 記錄, 費用, 帳號.
  '機机話话電电郵邮證证場场動动劃划準准備备線线測测試试審审複复盤盘談谈記记錄录費费帳帐預预';

const MAP: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const chars = Array.from(PAIRS);
  for (let i = 0; i + 1 < chars.length; i += 2) m.set(chars[i]!, chars[i + 1]!);
  return m;
})();

export function toSimplified(input: string): string {
  let out = '';
  for (const ch of input) out += MAP.get(ch) ?? ch;
  return out;
}
