import { obj, Plain } from '../_plain';
import { quote } from '../_quote';
import { CONTROL, dnsSubdomainProblem } from '../formats';
import { PodContext } from '../pod-context';

/**
 * windowsOptions and HostProcess pods, as the API server validates them on create (validation.go
 * validateWindowsSecurityContextOptions, validateWindowsHostProcessPod; validation_test.go
 * TestValidateWindowsSecurityContextOptions, TestValidateWindowsHostProcessPod).
 */
const MAX_GMSA_SPEC = 64 * 1024;
const MAX_USER = 104;
const MAX_NETBIOS = 15;
const USER_INVALID = /["/\\[\]:;|=,+*?<>@]/;
const NETBIOS_INVALID = /[\\/:*?"<>|]/;
const DNS_LABEL = /^[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?$/;

function runAsUserNameProblem(name: string): string | undefined {
  if (name === '') return 'runAsUserName cannot be an empty string';
  if (CONTROL.test(name)) return 'runAsUserName cannot contain control characters';
  const parts = name.split('\\');
  if (parts.length > 2) return 'runAsUserName cannot contain more than one backslash';
  const [domain, user] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (domain === '') return 'runAsUserName\'s Domain cannot be empty when a backslash is present';
  if (user === '') return 'runAsUserName\'s User cannot be empty';
  if (user.length > MAX_USER) return `runAsUserName's User length must not be longer than ${MAX_USER} characters`;
  if (/^[. ]+$/.test(user)) return 'runAsUserName\'s User cannot contain only periods or spaces';
  if (USER_INVALID.test(user)) return 'runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]';
  if (domain === undefined) return undefined;
  // A domain of at most 15 characters without a dot is a NetBios name; anything else must be a DNS domain.
  if (domain.length <= MAX_NETBIOS && !domain.includes('.', 1)) {
    if (domain.startsWith('.')) return 'runAsUserName\'s NetBios Domain cannot start with a dot';
    if (NETBIOS_INVALID.test(domain)) return 'runAsUserName\'s NetBios Domain cannot contain the following characters: \\/:*?"<>|';
    return undefined;
  }
  if (domain.length > 253 || !domain.split('.').every((label) => DNS_LABEL.test(label))) {
    return 'runAsUserName\'s Domain doesn\'t match the NetBios (at most 15 characters) nor the DNS format';
  }
  return undefined;
}

function checkOptions(ctx: PodContext, options: Plain, path: string): void {
  const name = options.gmsaCredentialSpecName;
  if (name !== undefined && name !== null) {
    const problem = dnsSubdomainProblem(name);
    if (problem) ctx.error('windows-options', `${path}.gmsaCredentialSpecName`, `Invalid value: ${quote(name)}: ${problem}`,
      'name a GMSACredentialSpec resource');
  }
  const spec = options.gmsaCredentialSpec;
  if (spec === '') {
    ctx.error('windows-options', `${path}.gmsaCredentialSpec`, 'Required value: gmsaCredentialSpec cannot be an empty string',
      'give the credential spec, or remove it');
  } else if (typeof spec === 'string' && Buffer.byteLength(spec) > MAX_GMSA_SPEC) {
    ctx.error('windows-options', `${path}.gmsaCredentialSpec`, `Too long: may not be more than ${MAX_GMSA_SPEC} bytes`,
      'use a shorter credential spec');
  }
  const user = options.runAsUserName;
  if (typeof user === 'string') {
    const problem = runAsUserNameProblem(user);
    if (problem) ctx.error('windows-options', `${path}.runAsUserName`, `Invalid value: ${quote(user)}: ${problem}`,
      'use a user such as "ContainerUser" or "DOMAIN\\\\user"');
  }
}

export function checkWindowsOptions(ctx: PodContext): void {
  const podOptions = obj(obj(ctx.spec.securityContext)?.windowsOptions);
  if (podOptions) checkOptions(ctx, podOptions, ctx.at('securityContext.windowsOptions'));
  const podHostProcess = podOptions?.hostProcess;
  let hostProcess = 0;
  let others = 0;
  for (const c of ctx.containers) {
    if (c.list === 'ephemeralContainers') continue;
    const options = obj(obj(c.container.securityContext)?.windowsOptions);
    if (options) checkOptions(ctx, options, `${c.path}.securityContext.windowsOptions`);
    const own = options?.hostProcess;
    if (typeof own === 'boolean' && typeof podHostProcess === 'boolean' && own !== podHostProcess) {
      ctx.error('windows-options', `${c.path}.securityContext.windowsOptions.hostProcess`,
        `Invalid value: ${own}: pod hostProcess value must be identical if both are specified, was ${podHostProcess}`,
          'set the same value as the pod, or none');
    }
    if ((typeof own === 'boolean' ? own : podHostProcess) === true) hostProcess++;
    else others++;
  }
  if (hostProcess > 0 && others > 0) {
    ctx.error('windows-options', ctx.specPath,
      'Invalid value: If pod contains any hostProcess containers then all containers must be HostProcess containers',
      'make every container a HostProcess container, or none');
  }
  if (hostProcess > 0 && ctx.spec.hostNetwork !== true) {
    ctx.error('windows-options', ctx.at('hostNetwork'), 'Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers',
      'set hostNetwork: true');
  }
}
