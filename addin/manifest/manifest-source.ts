/**
 * The one source of both manifests: manifest.xml (the XML add-in manifest, what the Microsoft
 * 365 admin center's centralized deployment takes) and the unified JSON manifest (an app
 * package for tenants that deploy through Integrated Apps with the Microsoft 365 app manifest).
 * Paths are relative to the service's base URL: https://localhost:3000 in development
 * (manifest.xml as committed), the service's public URL in production (npm run manifest).
 * Change the add-in's name, texts, icons or requirements here, then `npm run manifest:write`.
 */
export type ManifestLocale = 'en-US' | 'zh-CN';
export type Localized = Readonly<Record<ManifestLocale, string>>;

export const MANIFEST_SOURCE = {
  /** Office identifies the add-in by it: never change it (a new id is a new add-in for every user). */
  id: '3f6b1c2e-8a4d-4e5f-9b7a-2c1d0e9f8a61',
  /** Four numbers for the XML manifest; the unified manifest takes the first three (semver). */
  version: '0.1.0.0',
  provider: 'Ops Scorecard',
  defaultLocale: 'en-US' as ManifestLocale,
  displayName: { 'en-US': 'Ops Scorecard', 'zh-CN': '运营计分卡' } as Localized,
  description: {
    'en-US': 'Checks KPI sheets, Gantt plans and permission matrices as you type, syncs them with your team and shows the Balanced Scorecard.',
    'zh-CN': '边输入边检查 KPI 表、甘特计划和权限矩阵，与团队同步，并生成平衡计分卡。',
  } as Localized,
  shortDescription: { 'en-US': 'Checks KPI, plan and permission sheets in place.', 'zh-CN': '就地检查 KPI、计划和权限表。' } as Localized,
  /** The sign-in dialog fallback navigates here; nested app authentication needs no domain. */
  appDomains: ['https://login.microsoftonline.com'],
  /** 1.10 brings the worksheet and range APIs the adapter relies on. */
  requirement: { name: 'ExcelApi', minVersion: '1.10' },
  accentColor: '#107C41',
  paths: {
    taskpane: '/taskpane.html',
    support: '/api/docs',
    icon32: '/assets/icon-32.png',
    icon64: '/assets/icon-64.png',
    ribbonIcons: { 16: '/assets/icon-16.png', 32: '/assets/icon-32.png', 80: '/assets/icon-80.png' },
  },
  /** The unified manifest's package icons (files in addin/assets, packed beside manifest.json). */
  packageIcons: { color: 'color-192.png', outline: 'outline-32.png' },
  strings: {
    getStartedTitle: { 'en-US': 'Ops Scorecard is ready', 'zh-CN': '运营计分卡已就绪' } as Localized,
    getStartedDescription: { 'en-US': 'Open the Scorecard pane from the Home tab to check this workbook.', 'zh-CN': '在“开始”选项卡上打开“计分卡”窗格，检查此工作簿。' } as Localized,
    groupLabel: { 'en-US': 'Ops Scorecard', 'zh-CN': '运营计分卡' } as Localized,
    buttonLabel: { 'en-US': 'Scorecard', 'zh-CN': '计分卡' } as Localized,
    buttonTooltip: { 'en-US': 'Check KPI, plan and permission sheets, sync them and see the scorecard.', 'zh-CN': '检查 KPI、计划和权限表，同步并查看计分卡。' } as Localized,
  },
} as const;

export type ManifestSource = typeof MANIFEST_SOURCE;

/** The other language (the manifests carry en-US as the default and zh-CN as an override). */
export const OVERRIDE_LOCALE: ManifestLocale = 'zh-CN';
