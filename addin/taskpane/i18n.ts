import type { ProblemCode } from '../../shared/api/problem';
import { pickLocale, type Locale } from '../../shared/i18n/locale';
import type { SheetKind } from '../../shared/kinds/sheet-kind';

/**
 * The task pane's own words, zh-CN and en-US. Issue messages come from shared/i18n (the same
 * catalog the CLI and the service use); these are the pane's labels and its error sentences.
 * The type makes a missing translation a compile error. Codes (problem codes, MSAL codes, Office
 * error codes) are never translated: they are shown as they are, beside the sentence.
 */

type Fill<A extends unknown[]> = (...args: A) => string;

export interface PaneStrings {
  readonly appTitle: string;
  readonly previewBanner: string;
  readonly tabs: { readonly issues: string; readonly templates: string; readonly sync: string; readonly scorecard: string };
  readonly severity: { readonly error: string; readonly warning: string };
  readonly issues: {
    readonly checkNow: string;
    readonly checking: string;
    readonly none: string;
    readonly noSheets: string;
    readonly counts: Fill<[errors: number, warnings: number]>;
    readonly suggestion: string;
    readonly selectHint: string;
  };
  readonly templates: { readonly intro: string; readonly insert: string; readonly inserted: Fill<[sheet: string]> };
  readonly kinds: Readonly<Record<SheetKind, string>>;
  readonly sync: {
    readonly workspace: string;
    readonly workbook: string;
    readonly sheet: string;
    readonly noSheet: string;
    readonly push: string;
    readonly pull: string;
    readonly upToDate: Fill<[revision: number]>;
    readonly pushed: Fill<[revision: number, cells: number]>;
    readonly pulled: Fill<[revision: number, cells: number]>;
    readonly serviceIssues: Fill<[count: number]>;
    readonly preparing: string;
    readonly uploading: Fill<[percent: number]>;
    readonly processing: string;
    readonly retrying: Fill<[attempt: number]>;
    readonly unreachable: Fill<[seconds: number]>;
    readonly pending: Fill<[count: number]>;
    readonly retryNow: string;
    readonly memoryOnly: string;
  };
  readonly conflicts: {
    readonly title: string;
    readonly intro: string;
    readonly row: string;
    readonly field: string;
    readonly yours: string;
    readonly theirs: string;
    readonly original: string;
    readonly allYours: string;
    readonly allTheirs: string;
    readonly resolve: string;
    readonly left: Fill<[count: number]>;
    readonly empty: string;
    readonly resolved: Fill<[revision: number]>;
  };
  readonly scorecard: {
    readonly period: string;
    readonly periodHint: string;
    readonly pull: string;
    readonly computeHere: string;
    readonly written: string;
    readonly rows: Fill<[count: number]>;
    readonly department: string;
    readonly overall: string;
  };
  readonly signIn: {
    readonly signedInAs: Fill<[name: string]>;
    readonly notSignedIn: string;
    readonly signIn: string;
    readonly signOut: string;
    readonly devTitle: string;
    readonly email: string;
    readonly useEmail: string;
    readonly pasteToken: string;
    readonly useToken: string;
  };
  readonly errors: {
    readonly title: string;
    readonly dismiss: string;
    readonly code: Fill<[code: string]>;
    readonly request: Fill<[id: string]>;
    readonly problems: Readonly<Record<ProblemCode, string>>;
    readonly unknownProblem: string;
    readonly unreachable: string;
    readonly invalidResponse: Fill<[status: number]>;
    readonly auth: {
      readonly notConfigured: string;
      readonly interactionRequired: string;
      readonly cancelled: string;
      readonly unavailable: string;
      readonly rejected: string;
    };
    readonly notRecognised: Fill<[sheet: string]>;
    readonly duplicateKeys: Fill<[keys: string]>;
    readonly unresolved: Fill<[count: number]>;
    readonly rowMissing: Fill<[key: string]>;
    readonly notAToken: string;
    readonly tokenExpired: string;
    readonly configMissing: string;
    readonly configInvalid: string;
    readonly badPeriod: string;
    readonly unexpected: string;
    readonly contexts: Readonly<Record<ErrorContext, string>>;
  };
}

export type ErrorContext = 'start' | 'check' | 'select' | 'template' | 'push' | 'pull' | 'resolve' | 'scorecard' | 'sign-in';

const en: PaneStrings = {
  appTitle: 'Ops Scorecard',
  previewBanner: 'Preview: a workbook in your browser. Nothing is saved when you close the page.',
  tabs: { issues: 'Issues', templates: 'Templates', sync: 'Sync', scorecard: 'Scorecard' },
  severity: { error: 'Error', warning: 'Warning' },
  issues: {
    checkNow: 'Check now',
    checking: 'Checking…',
    none: 'No issues found.',
    noSheets: 'No KPI, metric, plan, permission or classification sheet found. Insert one from Templates.',
    counts: (e, w) => `${e} ${e === 1 ? 'error' : 'errors'}, ${w} ${w === 1 ? 'warning' : 'warnings'}`,
    suggestion: 'Suggestion:',
    selectHint: 'Select the cell',
  },
  templates: {
    intro: 'Insert a new sheet with headers, drop-downs and number formats for:',
    insert: 'Insert',
    inserted: (sheet) => `Inserted the sheet “${sheet}”.`,
  },
  kinds: {
    kpi: 'KPI definitions',
    metrics: 'Metric values',
    dashboard: 'Dashboard metrics',
    gantt: 'Gantt plan',
    permissions: 'Permission matrix',
    classification: 'Data classification',
  },
  sync: {
    workspace: 'Workspace',
    workbook: 'Workbook',
    sheet: 'Sheet',
    noSheet: 'No sheet to sync',
    push: 'Push',
    pull: 'Pull',
    upToDate: (r) => `Up to date (revision ${r}).`,
    pushed: (r, n) => `Pushed revision ${r}: ${n} ${n === 1 ? 'cell' : 'cells'} changed.`,
    pulled: (r, n) => `Pulled revision ${r}: ${n} ${n === 1 ? 'change' : 'changes'} written into the sheet.`,
    serviceIssues: (n) => `The service found ${n} ${n === 1 ? 'issue' : 'issues'} in the stored sheet.`,
    preparing: 'Preparing…',
    uploading: (p) => `Uploading ${p}%`,
    processing: 'The service is saving the revision…',
    retrying: (n) => `Retrying (attempt ${n})…`,
    unreachable: (s) => `Service unreachable, retrying in ${s} s`,
    pending: (n) => `${n} ${n === 1 ? 'push' : 'pushes'} waiting`,
    retryNow: 'Retry now',
    memoryOnly: 'Waiting pushes are kept in memory only: keep this pane open.',
  },
  conflicts: {
    title: 'Conflicts',
    intro: 'You and someone else changed these cells. Pick the value to keep for each.',
    row: 'Row',
    field: 'Field',
    yours: 'Yours',
    theirs: 'Theirs',
    original: 'Original',
    allYours: 'All yours',
    allTheirs: 'All theirs',
    resolve: 'Resolve and push',
    left: (n) => `${n} ${n === 1 ? 'cell' : 'cells'} left to pick`,
    empty: '(empty)',
    resolved: (r) => `Conflicts resolved in revision ${r}.`,
  },
  scorecard: {
    period: 'Period',
    periodHint: '2024-03, 2024-Q1, 2024-W09 or 2024; empty for all',
    pull: 'Get scorecard',
    computeHere: 'Compute from this workbook',
    written: 'The scorecard is on the “Scorecard” sheet.',
    rows: (n) => `${n} KPI ${n === 1 ? 'row' : 'rows'}`,
    department: 'Department',
    overall: 'Overall score',
  },
  signIn: {
    signedInAs: (name) => `Signed in as ${name}`,
    notSignedIn: 'Not signed in',
    signIn: 'Sign in',
    signOut: 'Sign out',
    devTitle: 'Development sign-in',
    email: 'E-mail',
    useEmail: 'Get a development token',
    pasteToken: 'Or paste a token from “ops-scorecard token”',
    useToken: 'Use token',
  },
  errors: {
    title: 'Something needs your attention',
    dismiss: 'Dismiss',
    code: (c) => `Code: ${c}`,
    request: (id) => `Request: ${id}`,
    problems: {
      validation: 'The service did not accept the data sent.',
      'invalid-json': 'The service could not read the request.',
      'bad-request': 'The service could not handle the request.',
      unauthenticated: 'Your sign-in has expired or is not accepted. Sign in again.',
      forbidden: 'You are not allowed to do this in this workspace.',
      'not-found': 'Not found on the service: check the workspace, workbook and sheet names.',
      'method-not-allowed': 'The service does not offer this action.',
      conflict: 'Someone else changed the same data. Pull, then try again.',
      'idempotency-in-progress': 'The service is still saving this push. Try again in a moment.',
      'precondition-failed': 'The sheet changed on the service since your last sync. Pull first, then push.',
      'payload-too-large': 'The sheet is too large for the service to accept in one push.',
      'unsupported-media-type': 'The service did not accept the format of the request.',
      'idempotency-key-reused': 'This push was already sent with different content. Push again.',
      'refused-workbook': 'The service refused the workbook.',
      'precondition-required': 'The service needs to know which revision you started from. Pull first.',
      'rate-limited': 'Too many requests. Wait a moment and try again.',
      internal: 'The service had an internal error.',
      'upstream-unavailable': 'A service the scorecard depends on is unavailable.',
      'not-ready': 'The service is starting up. Try again in a moment.',
    },
    unknownProblem: 'The service refused the request.',
    unreachable: 'The service cannot be reached.',
    invalidResponse: (s) => `The service answered something unexpected (HTTP ${s}).`,
    auth: {
      notConfigured: 'Sign in first.',
      interactionRequired: 'Sign in to continue.',
      cancelled: 'Sign-in was cancelled.',
      unavailable: 'The sign-in service cannot be reached.',
      rejected: 'Sign-in failed.',
    },
    notRecognised: (s) => `“${s}” is not a sheet Ops Scorecard knows: no KPI, metric, plan, permission or classification header row found.`,
    duplicateKeys: (k) => `These keys appear more than once: ${k}. Each row needs its own key.`,
    unresolved: (n) => `Pick a value for every conflicting cell first (${n} left).`,
    rowMissing: (k) => `The row “${k}” is no longer in the sheet.`,
    notAToken: 'That is not a token. Paste the whole output of “ops-scorecard token”.',
    tokenExpired: 'That token has expired. Make a new one.',
    configMissing: 'This service does not say how to sign in. Use a development token.',
    configInvalid: 'The service’s sign-in settings cannot be read.',
    badPeriod: 'Not a period. Use 2024-03, 2024-Q1, 2024-W09 or 2024.',
    unexpected: 'Something went wrong. Try again; if it keeps happening, reload the pane.',
    contexts: {
      start: 'Starting',
      check: 'Checking',
      select: 'Selecting the cell',
      template: 'Inserting the template',
      push: 'Push',
      pull: 'Pull',
      resolve: 'Resolving conflicts',
      scorecard: 'Scorecard',
      'sign-in': 'Sign-in',
    },
  },
};

const zh: PaneStrings = {
  appTitle: '运营计分卡',
  previewBanner: '预览模式：浏览器中的工作簿，关闭页面后不会保存。',
  tabs: { issues: '问题', templates: '模板', sync: '同步', scorecard: '计分卡' },
  severity: { error: '错误', warning: '警告' },
  issues: {
    checkNow: '立即检查',
    checking: '正在检查…',
    none: '未发现问题。',
    noSheets: '未找到 KPI、指标、计划、权限或数据分级工作表。请从“模板”中插入。',
    counts: (e, w) => `${e} 个错误，${w} 个警告`,
    suggestion: '建议：',
    selectHint: '选中该单元格',
  },
  templates: {
    intro: '插入带表头、下拉列表和数字格式的新工作表：',
    insert: '插入',
    inserted: (sheet) => `已插入工作表“${sheet}”。`,
  },
  kinds: {
    kpi: 'KPI 定义',
    metrics: '指标数据',
    dashboard: '看板指标',
    gantt: '甘特计划',
    permissions: '权限矩阵',
    classification: '数据分级',
  },
  sync: {
    workspace: '工作区',
    workbook: '工作簿',
    sheet: '工作表',
    noSheet: '没有可同步的工作表',
    push: '推送',
    pull: '拉取',
    upToDate: (r) => `已是最新（版本 ${r}）。`,
    pushed: (r, n) => `已推送版本 ${r}：更改了 ${n} 个单元格。`,
    pulled: (r, n) => `已拉取版本 ${r}：${n} 处更改已写入工作表。`,
    serviceIssues: (n) => `服务在已存储的工作表中发现 ${n} 个问题。`,
    preparing: '正在准备…',
    uploading: (p) => `正在上传 ${p}%`,
    processing: '服务正在保存版本…',
    retrying: (n) => `正在重试（第 ${n} 次）…`,
    unreachable: (s) => `服务无法访问，${s} 秒后重试`,
    pending: (n) => `${n} 个推送等待中`,
    retryNow: '立即重试',
    memoryOnly: '等待中的推送仅保存在内存中：请保持此窗格打开。',
  },
  conflicts: {
    title: '冲突',
    intro: '您和其他人都修改了这些单元格。请为每个单元格选择要保留的值。',
    row: '行',
    field: '字段',
    yours: '您的',
    theirs: '他人的',
    original: '原始值',
    allYours: '全部用您的',
    allTheirs: '全部用他人的',
    resolve: '解决并推送',
    left: (n) => `还有 ${n} 个单元格待选择`,
    empty: '（空）',
    resolved: (r) => `冲突已在版本 ${r} 中解决。`,
  },
  scorecard: {
    period: '期间',
    periodHint: '2024-03、2024-Q1、2024-W09 或 2024；留空表示全部',
    pull: '获取计分卡',
    computeHere: '根据此工作簿计算',
    written: '计分卡已写入“计分卡”工作表。',
    rows: (n) => `${n} 行 KPI`,
    department: '部门',
    overall: '总分',
  },
  signIn: {
    signedInAs: (name) => `已登录：${name}`,
    notSignedIn: '未登录',
    signIn: '登录',
    signOut: '退出登录',
    devTitle: '开发登录',
    email: '电子邮件',
    useEmail: '获取开发令牌',
    pasteToken: '或粘贴“ops-scorecard token”生成的令牌',
    useToken: '使用令牌',
  },
  errors: {
    title: '需要您注意',
    dismiss: '关闭',
    code: (c) => `代码：${c}`,
    request: (id) => `请求：${id}`,
    problems: {
      validation: '服务不接受所发送的数据。',
      'invalid-json': '服务无法读取该请求。',
      'bad-request': '服务无法处理该请求。',
      unauthenticated: '登录已过期或未被接受。请重新登录。',
      forbidden: '您无权在此工作区执行此操作。',
      'not-found': '服务上找不到：请检查工作区、工作簿和工作表名称。',
      'method-not-allowed': '服务不提供此操作。',
      conflict: '其他人修改了相同的数据。请先拉取，再重试。',
      'idempotency-in-progress': '服务仍在保存此推送。请稍后重试。',
      'precondition-failed': '自上次同步以来，服务上的工作表已更改。请先拉取，再推送。',
      'payload-too-large': '工作表太大，服务无法一次接收。',
      'unsupported-media-type': '服务不接受该请求的格式。',
      'idempotency-key-reused': '此推送已用不同的内容发送过。请重新推送。',
      'refused-workbook': '服务拒绝了该工作簿。',
      'precondition-required': '服务需要知道您基于哪个版本修改。请先拉取。',
      'rate-limited': '请求过多。请稍候再试。',
      internal: '服务发生内部错误。',
      'upstream-unavailable': '计分卡依赖的服务暂时不可用。',
      'not-ready': '服务正在启动。请稍后重试。',
    },
    unknownProblem: '服务拒绝了该请求。',
    unreachable: '无法连接服务。',
    invalidResponse: (s) => `服务返回了意外的应答（HTTP ${s}）。`,
    auth: {
      notConfigured: '请先登录。',
      interactionRequired: '请登录以继续。',
      cancelled: '登录已取消。',
      unavailable: '无法连接登录服务。',
      rejected: '登录失败。',
    },
    notRecognised: (s) => `“${s}”不是运营计分卡能识别的工作表：未找到 KPI、指标、计划、权限或数据分级的表头行。`,
    duplicateKeys: (k) => `以下键重复出现：${k}。每一行都需要唯一的键。`,
    unresolved: (n) => `请先为每个冲突单元格选择一个值（还剩 ${n} 个）。`,
    rowMissing: (k) => `工作表中已没有“${k}”这一行。`,
    notAToken: '这不是令牌。请粘贴“ops-scorecard token”的完整输出。',
    tokenExpired: '该令牌已过期。请重新生成。',
    configMissing: '此服务未提供登录设置。请使用开发令牌。',
    configInvalid: '无法读取服务的登录设置。',
    badPeriod: '期间无效。请使用 2024-03、2024-Q1、2024-W09 或 2024。',
    unexpected: '出现问题。请重试；如果一直出现，请重新加载窗格。',
    contexts: {
      start: '启动',
      check: '检查',
      select: '选中单元格',
      template: '插入模板',
      push: '推送',
      pull: '拉取',
      resolve: '解决冲突',
      scorecard: '计分卡',
      'sign-in': '登录',
    },
  },
};

export const STRINGS: Readonly<Record<Locale, PaneStrings>> = { 'en-US': en, 'zh-CN': zh };

export function paneStrings(locale: Locale): PaneStrings {
  return STRINGS[locale];
}

/**
 * The pane's language: a `?lang=` override first (preview and screenshots), then Office's display
 * language in Office, the browser's language in preview.
 */
export function chooseLocale(search: string, officeDisplayLanguage: string | null, navigatorLanguage: string | null): Locale {
  const override = new URLSearchParams(search).get('lang');
  if (override) return pickLocale(override);
  return pickLocale(officeDisplayLanguage ?? navigatorLanguage);
}
