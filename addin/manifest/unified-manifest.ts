import { MANIFEST_SOURCE, OVERRIDE_LOCALE, type ManifestSource } from './manifest-source';

/**
 * The unified (JSON) manifest — Microsoft 365 app manifest 1.29, the form Integrated Apps
 * deploys as an app package — from the same source as manifest.xml, and its zh-CN strings file.
 * It describes the same add-in: the same id, the same requirement (ExcelApi 1.10, workbooks),
 * the same task pane page, the same Home-tab button and get-started message. Validated offline
 * against the vendored schema (test/fixtures/unified-manifest-schema/) by the tests and by
 * `npm run validate`.
 */
export const UNIFIED_MANIFEST_VERSION = '1.29';
export const UNIFIED_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;
export const ZH_STRINGS_FILE = 'zh-cn.json';

export interface UnifiedManifestFiles {
  /** manifest.json */
  readonly manifest: Record<string, unknown>;
  /** zh-cn.json: the zh-CN strings, keyed by their place in manifest.json. */
  readonly zhStrings: Record<string, string>;
}

/** "0.1.0.0" → "0.1.0": the unified manifest's version is semver. */
export function semverOf(version: string): string {
  return version.split('.').slice(0, 3).join('.');
}

export function renderUnifiedManifest(baseUrl: string, source: ManifestSource = MANIFEST_SOURCE): UnifiedManifestFiles {
  const url = (path: string) => baseUrl + path;
  const s = source.strings;
  const icons = ([16, 32, 80] as const).map((size) => ({ size, url: url(source.paths.ribbonIcons[size]) }));
  const requirements = { capabilities: [{ name: source.requirement.name, minVersion: source.requirement.minVersion }], scopes: ['workbook'] };
  const manifest = {
    $schema: UNIFIED_SCHEMA_URL,
    manifestVersion: UNIFIED_MANIFEST_VERSION,
    version: semverOf(source.version),
    id: source.id,
    localizationInfo: { defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'zh-cn', file: ZH_STRINGS_FILE }] },
    developer: { name: source.provider, websiteUrl: url('/'), privacyUrl: url(source.paths.support), termsOfUseUrl: url(source.paths.support) },
    name: { short: source.displayName['en-US'], full: source.displayName['en-US'] },
    description: { short: source.shortDescription['en-US'], full: source.description['en-US'] },
    icons: { outline: source.packageIcons.outline, color: source.packageIcons.color },
    accentColor: source.accentColor,
    validDomains: [new URL(baseUrl).host, ...source.appDomains.map((d) => new URL(d).host)],
    authorization: { permissions: { resourceSpecific: [{ name: 'Document.ReadWrite.User', type: 'Delegated' }] } },
    extensions: [
      {
        requirements,
        runtimes: [
          {
            requirements,
            id: 'TaskPaneRuntime',
            type: 'general',
            code: { page: url(source.paths.taskpane) },
            lifetime: 'short',
            actions: [{ id: 'ShowTaskpane', type: 'openPage', displayName: s.buttonLabel['en-US'], pinnable: false }],
          },
        ],
        ribbons: [
          {
            contexts: ['default'],
            tabs: [
              {
                builtInTabId: 'TabHome',
                groups: [
                  {
                    id: 'OpsScorecardGroup',
                    label: s.groupLabel['en-US'],
                    icons,
                    controls: [
                      {
                        id: 'OpsScorecardShowTaskpane',
                        type: 'button',
                        label: s.buttonLabel['en-US'],
                        icons,
                        supertip: { title: s.buttonLabel['en-US'], description: s.buttonTooltip['en-US'] },
                        actionId: 'ShowTaskpane',
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
        getStartedMessages: [{ title: s.getStartedTitle['en-US'], description: s.getStartedDescription['en-US'], learnMoreUrl: url(source.paths.support) }],
      },
    ],
  };
  const z = OVERRIDE_LOCALE;
  const control = 'extensions[0].ribbons[0].tabs[0].groups[0].controls[0]';
  const zhStrings = {
    $schema: LOCALIZATION_SCHEMA_URL,
    'name.short': source.displayName[z],
    'name.full': source.displayName[z],
    'description.short': source.shortDescription[z],
    'description.full': source.description[z],
    'extensions[0].ribbons[0].tabs[0].groups[0].label': s.groupLabel[z],
    [`${control}.label`]: s.buttonLabel[z],
    [`${control}.supertip.title`]: s.buttonLabel[z],
    [`${control}.supertip.description`]: s.buttonTooltip[z],
    'extensions[0].getStartedMessages[0].title': s.getStartedTitle[z],
    'extensions[0].getStartedMessages[0].description': s.getStartedDescription[z],
  };
  return { manifest, zhStrings };
}
