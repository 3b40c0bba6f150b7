import { MANIFEST_SOURCE, OVERRIDE_LOCALE, type Localized, type ManifestSource } from './manifest-source';

/**
 * manifest.xml from the manifest source (manifest-source.ts) and a base URL. The element order is
 * the schema's (IconUrl, HighResolutionIconUrl, SupportUrl, AppDomains, Hosts, Requirements,
 * DefaultSettings, Permissions, VersionOverrides); test/addin/manifest.test.ts validates the
 * result offline against Microsoft's XSDs, and the committed manifest.xml must equal this
 * function's output for https://localhost:3000 (npm run manifest:write rewrites it).
 */
export interface XmlManifestOptions {
  readonly baseUrl: string;
  /** Overrides for a variant of the add-in (the contract-test build): another id, name, page. */
  readonly id?: string;
  readonly version?: string;
  readonly displayName?: Localized;
  readonly taskpanePath?: string;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function renderXmlManifest(options: XmlManifestOptions, source: ManifestSource = MANIFEST_SOURCE): string {
  const a = (text: string) => escapeXml(text);
  const url = (path: string) => a(options.baseUrl + path);
  const name = options.displayName ?? source.displayName;
  const s = source.strings;
  const icons = source.paths.ribbonIcons;
  const str = (id: string, text: Localized) =>
    `        <bt:String id="${id}" DefaultValue="${a(text['en-US'])}">\n          <bt:Override Locale="${OVERRIDE_LOCALE}" Value="${a(text[OVERRIDE_LOCALE])}" />\n        </bt:String>`;
  const iconRefs = (indent: string) =>
    [16, 32, 80].map((size) => `${indent}<bt:Image size="${size}" resid="Icon.${size}x${size}" />`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!--
  Ops Scorecard: the Excel add-in's XML manifest (task pane add-in, Office add-in schema 1.1).
  Generated from addin/manifest/manifest-source.ts (npm run manifest:write): edit the source, not
  this file; the unified JSON manifest comes from the same source (npm run manifest).
  Checked offline by test/addin/manifest.test.ts against the XSDs in test/fixtures/manifest-xsd/.
  The Id is fixed on purpose: Office identifies an add-in by it, so changing it makes a new add-in.
-->
<OfficeApp
  xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
  xsi:type="TaskPaneApp">
  <Id>${a(options.id ?? source.id)}</Id>
  <Version>${a(options.version ?? source.version)}</Version>
  <ProviderName>${a(source.provider)}</ProviderName>
  <DefaultLocale>${a(source.defaultLocale)}</DefaultLocale>
  <DisplayName DefaultValue="${a(name['en-US'])}">
    <Override Locale="${OVERRIDE_LOCALE}" Value="${a(name[OVERRIDE_LOCALE])}" />
  </DisplayName>
  <Description DefaultValue="${a(source.description['en-US'])}">
    <Override Locale="${OVERRIDE_LOCALE}" Value="${a(source.description[OVERRIDE_LOCALE])}" />
  </Description>
  <IconUrl DefaultValue="${url(source.paths.icon32)}" />
  <HighResolutionIconUrl DefaultValue="${url(source.paths.icon64)}" />
  <SupportUrl DefaultValue="${url(source.paths.support)}" />
  <AppDomains>
    <!-- The sign-in dialog fallback navigates here; nested app authentication needs no domain. -->
${source.appDomains.map((d) => `    <AppDomain>${a(d)}</AppDomain>`).join('\n')}
  </AppDomains>
  <Hosts>
    <Host Name="Workbook" />
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <!-- 1.10 brings the worksheet and range APIs the adapter relies on. -->
      <Set Name="${a(source.requirement.name)}" MinVersion="${a(source.requirement.minVersion)}" />
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${url(options.taskpanePath ?? source.paths.taskpane)}" />
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <DesktopFormFactor>
          <GetStarted>
            <Title resid="GetStarted.Title" />
            <Description resid="GetStarted.Description" />
            <LearnMoreUrl resid="GetStarted.LearnMoreUrl" />
          </GetStarted>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="TabHome">
              <Group id="OpsScorecard.Group">
                <Label resid="Group.Label" />
                <Icon>
${iconRefs('                  ')}
                </Icon>
                <Control xsi:type="Button" id="OpsScorecard.ShowTaskpane">
                  <Label resid="TaskpaneButton.Label" />
                  <Supertip>
                    <Title resid="TaskpaneButton.Label" />
                    <Description resid="TaskpaneButton.Tooltip" />
                  </Supertip>
                  <Icon>
${iconRefs('                    ')}
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>OpsScorecard.Taskpane</TaskpaneId>
                    <SourceLocation resid="Taskpane.Url" />
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images>
${([16, 32, 80] as const).map((size) => `        <bt:Image id="Icon.${size}x${size}" DefaultValue="${url(icons[size])}" />`).join('\n')}
      </bt:Images>
      <bt:Urls>
        <bt:Url id="Taskpane.Url" DefaultValue="${url(options.taskpanePath ?? source.paths.taskpane)}" />
        <bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="${url(source.paths.support)}" />
      </bt:Urls>
      <bt:ShortStrings>
${str('GetStarted.Title', s.getStartedTitle)}
${str('Group.Label', s.groupLabel)}
${str('TaskpaneButton.Label', s.buttonLabel)}
      </bt:ShortStrings>
      <bt:LongStrings>
${str('GetStarted.Description', s.getStartedDescription)}
${str('TaskpaneButton.Tooltip', s.buttonTooltip)}
      </bt:LongStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>
`;
}
