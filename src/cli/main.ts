import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { acceptRuleProblem } from '../checks/accept';
import { DEFAULT_MINOR, minorProblem, NEWEST_MINOR, OLDEST_MINOR } from '../checks/kubernetes-versions';
import { PodSecurityLevel } from '../checks/pod-context';
import { checkInputs, CheckReport } from './check-inputs';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { formatJunit } from './formats/junit';
import { formatMermaid } from './formats/mermaid';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { exitCodeOf, FailOn, OutputOptions } from './output-options';
import { readInputs, readStandardInput } from './read-inputs';

/** Where the command writes and reads; a test gives its own. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => string | undefined;
}

const FORMATS: Record<string, (report: CheckReport, options: OutputOptions) => string> = {
  text: formatText, json: formatJson, sarif: formatSarif, junit: formatJunit, github: formatGithub, mermaid: formatMermaid,
};

/** The exit code of a usage error, as of an input error: the run did not check what was asked. */
const USAGE_ERROR = 2;

/** The version of this package: from the package.json above this file (lib/src/cli/ installed, src/cli/ in tests). */
function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

function parseKubernetes(value: string): number {
  const match = /^v?1\.(\d+)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`must be a Kubernetes version such as 1.${DEFAULT_MINOR}, from 1.${OLDEST_MINOR} to 1.${NEWEST_MINOR}`);
  const problem = minorProblem(Number(match[1]));
  if (problem) throw new InvalidArgumentError(problem);
  return Number(match![1]);
}

function collectAccepted(value: string, previous: string[]): string[] {
  const rules = value.split(',').map((r) => r.trim()).filter(Boolean);
  for (const rule of rules) {
    const problem = acceptRuleProblem(rule);
    if (problem) throw new InvalidArgumentError(problem);
  }
  return [...previous, ...rules];
}

interface CheckOptions {
  readonly kubernetes: number;
  readonly podSecurity?: PodSecurityLevel;
  readonly requirePinnedImages?: boolean;
  readonly format: string;
  readonly failOn: FailOn;
  readonly accept: string[];
  readonly quiet?: boolean;
}

/** Runs the command line (without `node` and the script); returns the exit code. */
export function runCommand(argv: readonly string[], io: CommandIo): number {
  let exitCode = 0;
  const version = packageVersion();
  const program = new Command('cdk8s-pod-patterns')
    .description('Checks Kubernetes pods and workloads as cdk8s-pod-patterns does at synth time, on any YAML.')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');
  program.command('check')
    .description('check every pod, pod template and workload in the YAML or JSON files, directories (recursively) or standard input (-)')
    .argument('<inputs...>', 'files, directories (*.yaml, *.yml, *.json below them) or - for standard input')
    .addOption(new Option('--kubernetes <version>', `the cluster's Kubernetes version, 1.${OLDEST_MINOR} to 1.${NEWEST_MINOR}`)
      .default(DEFAULT_MINOR, `1.${DEFAULT_MINOR}`).argParser(parseKubernetes))
    .addOption(new Option('--pod-security <level>', 'enforce this Pod Security Standards level on pods that declare none, as a '
      + 'namespace that enforces it would (default: none enforced; what baseline forbids is a warning)')
      .choices(['privileged', 'baseline', 'restricted']))
    .option('--require-pinned-images', 'an image without a version tag or digest (or tagged latest) is an error, not a warning')
    .addOption(new Option('--format <format>', 'the output format').choices(Object.keys(FORMATS)).default('text'))
    .addOption(new Option('--fail-on <severity>', 'the findings that make the exit code 1').choices(['error', 'warning']).default('error'))
    .addOption(new Option('--accept <rules>', 'accept the findings of a rule for every pod (a warning or a library rule; repeat, or use commas)')
      .argParser(collectAccepted).default([]))
    .option('-q, --quiet', 'report only the findings that fail the run, and no summary')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .action((inputs: string[], options: CheckOptions) => {
      const { inputs: texts, problems } = readInputs(inputs, io.readStdin);
      const requirePinnedImages = options.requirePinnedImages === true;
      const report = checkInputs(texts, problems, {
        kubernetesMinor: options.kubernetes, kubernetesMinorSource: `--kubernetes 1.<minor>`, accept: options.accept,
        podSecurity: options.podSecurity, podSecuritySource: `--pod-security ${options.podSecurity}`,
        requirePinnedImages, pinnedImagesSource: '--require-pinned-images',
      });
      const output: OutputOptions = {
        failOn: options.failOn, quiet: options.quiet ?? false, version, kubernetesMinor: options.kubernetes, podSecurity: options.podSecurity,
        requirePinnedImages,
      };
      io.stdout(FORMATS[options.format](report, output));
      exitCode = exitCodeOf(report, options.failOn);
    });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : USAGE_ERROR;
    }
    throw error;
  }
  return exitCode;
}

/** The command as `npx cdk8s-pod-patterns` runs it, on the process's streams. */
export function main(): void {
  const io: CommandIo = {
    stdout: (text) => { fs.writeSync(1, text); },
    stderr: (text) => { fs.writeSync(2, text); },
    readStdin: readStandardInput,
  };
  try {
    process.exitCode = runCommand(process.argv.slice(2), io);
  } catch (error) {
    // A bug of this tool, not a problem of the input: say so in one line, without a stack trace.
    io.stderr(`cdk8s-pod-patterns: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = USAGE_ERROR;
  }
}
