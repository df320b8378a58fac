import { obj, str } from '../_plain';
import { quote } from '../_quote';
import { PodContext } from '../pod-context';

/**
 * Seccomp and AppArmor profiles, in annotations and fields, as the API server validates them on create
 * (validation.go ValidateSeccompPodAnnotations, ValidateSeccompProfile, validateSeccompAnnotationsAndFields,
 * ValidateAppArmorProfileFormat, validateAppArmorProfileField, validateAppArmorAnnotationsAndFieldsMatchOnCreate).
 * Cases after validation_test.go TestValidatePod, TestValidateAppArmorProfileFormat,
 * TestValidateSeccompAnnotationAndField and TestValidatePodTemplateSpecSeccomp.
 */
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';
const APPARMOR_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'];
const MAX_LOCALHOST_PROFILE = 4095;

interface Profile { readonly type: string; readonly localhost?: string }

/** A seccomp annotation value as a profile, or the problem with it. */
function seccompAnnotation(value: string): Profile | string {
  if (value === 'runtime/default' || value === 'docker/default') return { type: 'RuntimeDefault' };
  if (value === 'unconfined') return { type: 'Unconfined' };
  if (value.startsWith('localhost/')) {
    const path = value.slice('localhost/'.length);
    if (path === '') return 'must be a valid seccomp profile';
    if (path.startsWith('/')) return 'must be a relative path';
    if (path.split('/').includes('..')) return "must not contain '..'";
    return { type: 'Localhost', localhost: path };
  }
  return 'must be a valid seccomp profile';
}

/** An AppArmor annotation value as a profile, or the problem with it. */
function appArmorAnnotation(value: string): Profile | string | undefined {
  // An empty value chooses no profile (the runtime default applies): valid, and nothing to compare.
  if (value === '') return undefined;
  if (value === 'runtime/default') return { type: 'RuntimeDefault' };
  if (value === 'unconfined') return { type: 'Unconfined' };
  if (value.startsWith('localhost/') && value.length > 'localhost/'.length) return { type: 'Localhost', localhost: value.slice('localhost/'.length) };
  return 'invalid AppArmor profile name';
}

function fieldProfile(value: unknown): Profile | undefined {
  const profile = obj(value);
  const type = str(profile?.type);
  return type === undefined ? undefined : { type, localhost: str(profile?.localhostProfile) };
}

const sameProfile = (a: Profile, b: Profile) => a.type === b.type && (a.type !== 'Localhost' || a.localhost === b.localhost);

export function checkSecurityProfiles(ctx: PodContext): void {
  const annotations = obj(ctx.metadata?.annotations) ?? {};
  const podSc = obj(ctx.spec.securityContext) ?? {};
  const byName = new Map(ctx.containers.filter((c) => c.list !== 'ephemeralContainers').map((c) => [c.name, c]));
  for (const [key, raw] of Object.entries(annotations)) {
    const value = typeof raw === 'string' ? raw : '';
    const at = ctx.metadataAt(`annotations[${key}]`);
    if (key === SECCOMP_POD || (key.startsWith(SECCOMP_CONTAINER) && key.length > SECCOMP_CONTAINER.length)) {
      const profile = seccompAnnotation(value);
      if (typeof profile === 'string') {
        ctx.error('seccomp-profile', at, `Invalid value: ${quote(raw)}: ${profile}`,
          'use runtime/default, unconfined or localhost/<relative path>, or the seccompProfile field');
        continue;
      }
      // On create, a profile in both the annotation and the field must be the same profile.
      const container = key === SECCOMP_POD ? undefined : byName.get(key.slice(SECCOMP_CONTAINER.length));
      const sc = key === SECCOMP_POD ? podSc : obj(container?.container.securityContext);
      const field = fieldProfile(sc?.seccompProfile);
      if (field && !sameProfile(profile, field)) {
        const fieldAt = key === SECCOMP_POD
          ? ctx.at('securityContext.seccompProfile.type')
          : `${container!.path}.securityContext.seccompProfile.type`;
        ctx.error('seccomp-profile', fieldAt, `Forbidden: seccomp type in annotation and field must match (annotation ${quote(raw)})`,
          'remove the annotation: the field is what Kubernetes uses');
      }
    }
    if (key.startsWith(APPARMOR_CONTAINER)) {
      const name = key.slice(APPARMOR_CONTAINER.length);
      const container = byName.get(name);
      if (!container) {
        ctx.error('app-armor-profile', at, `Invalid value: ${quote(name)}: container not found`, 'name a container of the pod in the annotation key');
        continue;
      }
      const profile = appArmorAnnotation(value);
      if (profile === undefined) continue;
      if (typeof profile === 'string') {
        ctx.error('app-armor-profile', at, `Invalid value: ${quote(raw)}: ${profile}`, 'use runtime/default, unconfined or localhost/<profile>');
        continue;
      }
      const field = fieldProfile(obj(container.container.securityContext)?.appArmorProfile) ?? fieldProfile(podSc.appArmorProfile);
      if (field && APPARMOR_TYPES.includes(field.type) && !sameProfile(profile, field)) {
        const what = profile.type === field.type ? 'profile' : 'type';
        ctx.error('app-armor-profile', at, `Forbidden: apparmor ${what} in annotation and field must match`,
          'remove the annotation: the appArmorProfile field is what Kubernetes uses');
      }
    }
  }
  checkAppArmorField(ctx, podSc.appArmorProfile, ctx.at('securityContext.appArmorProfile'));
  for (const c of ctx.containers) checkAppArmorField(ctx, obj(c.container.securityContext)?.appArmorProfile,
    `${c.path}.securityContext.appArmorProfile`);
}

function checkAppArmorField(ctx: PodContext, value: unknown, path: string): void {
  const profile = obj(value);
  if (!profile) return;
  const type = profile.type;
  if (type === undefined || type === null || type === '') {
    ctx.error('app-armor-profile', `${path}.type`, 'Required value: type is required when appArmorProfile is set', 'set type: RuntimeDefault');
    return;
  }
  if (!APPARMOR_TYPES.includes(type as string)) {
    ctx.error('app-armor-profile', `${path}.type`, `Unsupported value: ${quote(type)}: supported values: "Localhost", "RuntimeDefault", "Unconfined"`,
      'use RuntimeDefault, Localhost or Unconfined');
    return;
  }
  const local = profile.localhostProfile;
  if (type !== 'Localhost') {
    if (local !== undefined && local !== null) {
      ctx.error('app-armor-profile', `${path}.localhostProfile`, `Invalid value: ${quote(local)}: can only be set if the type is Localhost`,
        'remove localhostProfile');
    }
    return;
  }
  if (typeof local !== 'string' || local === '') {
    ctx.error('app-armor-profile', `${path}.localhostProfile`, 'Required value: must be set when AppArmor type is Localhost',
      'name the profile loaded on the node');
  } else if (local.trim() !== local) {
    ctx.error('app-armor-profile', `${path}.localhostProfile`, `Invalid value: ${quote(local)}: must not be padded with whitespace`,
      'remove the spaces');
  } else if (Buffer.byteLength(local) > MAX_LOCALHOST_PROFILE) {
    ctx.error('app-armor-profile', `${path}.localhostProfile`, `Too long: may not be more than ${MAX_LOCALHOST_PROFILE} bytes`,
      'use a shorter profile name');
  }
}

