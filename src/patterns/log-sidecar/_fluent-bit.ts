import { kplus } from '../../core/cdk8s-plus';
import { configLineProblem, shipperResources, shipperSecurityContext } from './_destination-rules';
import { LogShipper, LogShipperContext, ShipperKeyFile } from './log-shipper';

/**
 * The Fluent Bit shipper, pinned. Bumping the image is a reviewed change: the generated configuration is
 * checked against the keys that this exact version documents (see test/patterns/log-sidecar/).
 */
export const FLUENT_BIT_IMAGE = 'fluent/fluent-bit:3.2.10';

const CONFIG_DIRECTORY = '/fluent-bit/etc/pod-patterns';
const CONFIG_FILE = 'fluent-bit.conf';
const STATE_DIRECTORY = '/fluent-bit/state';

/** Where a CA bundle lands in the Fluent Bit sidecar: its own directory, beside the configuration, not inside it. */
export const FLUENT_BIT_CA_FILE = { directory: '/fluent-bit/etc/pod-patterns-ca', fileName: 'ca.crt' } as const;

/** The tag of every record read from the log files; outputs match on it. */
export const FLUENT_BIT_TAG = 'app.logs';

/**
 * A Fluent Bit sidecar that tails the log files and sends them to one output. The official image is
 * distroless and declares no user, so it would run as root: the sidecar runs as an unprivileged numeric
 * user instead, which only needs to read the log files (mode 0644, the usual umask) and write its position
 * database, kept in an emptyDir so the root filesystem stays read-only.
 */
export function fluentBitShipper(context: LogShipperContext, output: FluentBitSection, envVariables?: Record<string, kplus.EnvValue>,
  keyFiles: ShipperKeyFile[] = []): LogShipper {
  const sections: FluentBitSection[] = [
    {
      name: 'SERVICE',
      entries: [
        ['Flush', '1'],
        ['Daemon', 'Off'],
        ['Log_Level', 'info'],
        ['HTTP_Server', 'Off'],
      ],
    },
    {
      name: 'INPUT',
      entries: [
        ['Name', 'tail'],
        ['Tag', FLUENT_BIT_TAG],
        ['Path', `${context.logDirectory}/${context.filePattern}`],
        ['Path_Key', 'file'],
        // Lines written before the sidecar started are shipped too; the position database prevents
        // shipping them twice when the sidecar restarts.
        ['Read_from_Head', 'True'],
        ['DB', `${STATE_DIRECTORY}/tail.db`],
        ['DB.locking', 'True'],
        ['Refresh_Interval', '5'],
        ['Skip_Long_Lines', 'On'],
        ['Mem_Buf_Limit', '5MB'],
      ],
    },
    output,
  ];
  return {
    image: FLUENT_BIT_IMAGE,
    // The official image is distroless; its debug variant (Debian slim) has the shell the handshake needs.
    shellImage: `${FLUENT_BIT_IMAGE}-debug`,
    command: ['/fluent-bit/bin/fluent-bit'],
    args: ['--config', `${CONFIG_DIRECTORY}/${CONFIG_FILE}`],
    envVariables,
    configFiles: { [CONFIG_FILE]: renderFluentBitConfig(sections) },
    configDirectory: CONFIG_DIRECTORY,
    stateDirectories: [STATE_DIRECTORY],
    keyFiles: keyFiles.length > 0 ? keyFiles : undefined,
    // The binary, plugins and default configuration of the official image all live under /fluent-bit.
    imagePaths: ['/fluent-bit'],
    securityContext: shipperSecurityContext(10001),
    resources: shipperResources([20, 200], [32, 128]),
  };
}

/** A value in Fluent Bit's classic format: `Key value` on one line, no quoting, `${NAME}` expanded. */
export function fluentBitValueProblem(value: unknown): string | undefined {
  const line = configLineProblem(value, 'Fluent Bit');
  if (line) return line;
  if ((value as string).includes('${')) {
    return `must not contain "\${", got ${JSON.stringify(value)} (Fluent Bit replaces \${NAME} with the environment variable NAME, or with nothing)`;
  }
  return undefined;
}

/**
 * Fluent Bit's classic configuration format: `[SECTION]` headers followed by indented `Key Value` lines.
 * Keys are written in the order given and aligned, so the same input always renders the same text.
 */
export type FluentBitSectionName = 'SERVICE' | 'INPUT' | 'FILTER' | 'OUTPUT';

export interface FluentBitSection {
  readonly name: FluentBitSectionName;
  /** `[key, value]` pairs; a key may repeat where Fluent Bit allows it. */
  readonly entries: ReadonlyArray<readonly [string, string]>;
}

export function renderFluentBitConfig(sections: readonly FluentBitSection[]): string {
  return sections.map(renderSection).join('\n');
}

function renderSection(section: FluentBitSection): string {
  // Plain loops: this runs for every log sidecar, mostly while V8 still interprets it.
  let width = 0;
  for (const [key] of section.entries) width = Math.max(width, key.length);
  let text = `[${section.name}]\n`;
  for (const [key, value] of section.entries) {
    // A guard against the library's own mistakes: user values are checked, with the construct path, by
    // the destination (fluentBitValueProblem) before they get here.
    if (LINE_BREAK.test(key) || LINE_BREAK.test(value) || value.trim() === '') {
      throw new Error(`Fluent Bit [${section.name}] ${key}: a value must be one non-empty line, got ${JSON.stringify(value)}`);
    }
    text += `    ${key.padEnd(width)} ${value}\n`;
  }
  return text;
}

const LINE_BREAK = /[\r\n]/;
