import { checkPodSpec } from '../../../src/checks/engine';
import type { PodCheckOptions } from '../../../src/checks/pod-context';

/** `rule path` of every error the engine reports for a spec (security checks off: tested on their own). */
export function errorsOf(spec: any, options: PodCheckOptions = {}): string[] {
  return checkPodSpec(spec, { podSecurity: 'privileged', podSecurityDeclared: false, ...options })
    .filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.path}`);
}

export function warningsOf(spec: any, options: PodCheckOptions = {}): string[] {
  return checkPodSpec(spec, { podSecurity: 'privileged', podSecurityDeclared: false, ...options })
    .filter((f) => f.severity === 'warning').map((f) => `${f.rule} ${f.path}`);
}
