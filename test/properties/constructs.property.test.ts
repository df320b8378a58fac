import { Testing } from 'cdk8s';
import fc from 'fast-check';
import { checkManifest, InitChainPod, LogDestination, LogSidecarPod, PodPatternError, SharedVolumePod } from '../../src';
import { schemaProblems } from '../_support/schema';

/**
 * Property-based tests: random valid props for each construct always synthesize documents that pass the
 * Kubernetes 1.27 schema and the check engine; random invalid props always raise the library's own error.
 */
const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,12}[a-z0-9])?$/);
const segment = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/).filter((s) => s !== '..' && s !== '.');
const absolutePath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`);
const image = fc.constantFrom('busybox:1.36.1', 'nginx:1.25.3', 'registry.example.com/team/app:2.0.1', 'alpine@sha256:' + 'a'.repeat(64));
const port = fc.integer({ min: 1, max: 65535 });

function synthOrError(build: (chart: any) => void): { docs?: any[]; error?: unknown } {
  const chart = Testing.chart();
  try {
    build(chart);
    return { docs: Testing.synth(chart) };
  } catch (error) {
    return { error };
  }
}

function expectValid(build: (chart: any) => void): void {
  const { docs, error } = synthOrError(build);
  if (error) throw error;
  for (const doc of docs!) {
    expect(schemaProblems(doc)).toBeUndefined();
    expect(checkManifest(doc).filter((f) => f.severity === 'error')).toEqual([]);
  }
}

function expectLibraryError(build: (chart: any) => void): void {
  const { docs, error } = synthOrError(build);
  expect(docs).toBeUndefined();
  expect(error).not.toBeInstanceOf(TypeError);
  const isOurs = error instanceof PodPatternError || (error instanceof Error && error.message.startsWith('Validation failed with the following errors'));
  if (!isOurs) throw error;
}

/** Containers with distinct names and distinct ports. */
const containers = (min: number, max: number, exclude: string[] = []) => fc
  .uniqueArray(label.filter((n) => !exclude.includes(n)), { minLength: min, maxLength: max })
  .chain((names) => {
    const n = { minLength: names.length, maxLength: names.length };
    return fc.tuple(fc.constant(names), fc.uniqueArray(port, n), fc.array(absolutePath, n), fc.array(image, n));
  })
  .map(([names, ports, paths, images]) => names.map((name, i) => ({ name, image: images[i], mountPath: paths[i], ports: [{ number: ports[i] }] })));

const RUNS = { numRuns: 40 };
/** busybox and nginx run as root: under cdk8s-plus's runAsNonRoot a pod needs a uid to start (run-as-non-root-image-user). */
const asUser = { securityContext: { user: 1000 } };

describe('SharedVolumePod', () => {
  test('valid props always give valid documents', () => {
    fc.assert(fc.property(containers(1, 4), label, fc.boolean(), (cs, volumeName, shareProcessNamespace) => {
      expectValid((chart) => new SharedVolumePod(chart, 'pod', { ...asUser, containers: cs, volumeName, shareProcessNamespace }));
    }), RUNS);
  });

  test('invalid props always raise the library\'s error', () => {
    const breakers = [
      (cs: any[]) => [...cs, { ...cs[0] }],
      (cs: any[]) => [{ ...cs[0], name: cs[0].name.toUpperCase() + '_' }],
      (cs: any[]) => [{ ...cs[0], mountPath: '' }],
      (cs: any[]) => [{ ...cs[0], ports: [{ number: 0 }] }],
      (cs: any[]) => [{ ...cs[0], ports: [{ number: 65536 + cs[0].ports[0].number }] }],
      (cs: any[]) => [{ ...cs[0], image: '' }],
      (cs: any[]) => [cs[0], { ...cs[0], name: `${cs[0].name}x` }],
    ];
    fc.assert(fc.property(containers(1, 3), fc.integer({ min: 0, max: breakers.length - 1 }), (cs, which) => {
      expectLibraryError((chart) => new SharedVolumePod(chart, 'pod', { containers: breakers[which](cs) }));
    }), RUNS);
  });
});

describe('InitChainPod', () => {
  const chain = fc.uniqueArray(label, { minLength: 2, maxLength: 6 })
    .chain((names) => fc.integer({ min: 1, max: names.length - 1 }).map((split) => ({ steps: names.slice(0, split), apps: names.slice(split) })));

  test('valid props always give valid documents, in the order given', () => {
    fc.assert(fc.property(chain, image, ({ steps, apps }, img) => {
      let docs: any[] = [];
      expectValid((chart) => {
        new InitChainPod(chart, 'pod', { ...asUser, steps: steps.map((name) => ({ name, image: img, command: ['true'] })), containers: apps.map((name) => ({ name, image: img })) });
        docs = Testing.synth(chart);
      });
      expect(docs[0].spec.initContainers.map((c: any) => c.name)).toEqual(steps);
    }), RUNS);
  });

  test('invalid props always raise the library\'s error', () => {
    fc.assert(fc.property(chain, fc.integer({ min: 0, max: 3 }), ({ steps: names, apps }, which) => {
      const steps: any[] = names.map((name) => ({ name, image: 'busybox:1.36.1', securityContext: { user: 1000 } }));
      const appContainers: any[] = apps.map((name) => ({ name, image: 'busybox:1.36.1', securityContext: { user: 1000 } }));
      if (which === 0) steps.push({ name: apps[0], image: 'busybox:1.36.1', securityContext: { user: 1000 } });
      if (which === 1) steps[0] = { ...steps[0], portNumber: 8080 };
      if (which === 2) steps[0] = { ...steps[0], name: `${steps[0].name}.step` };
      expectLibraryError((chart) => new InitChainPod(chart, 'pod', { steps, containers: which === 3 ? [] : appContainers }));
    }), RUNS);
  });
});

describe('LogSidecarPod', () => {
  const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
  const index = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
  const destination = fc.oneof(
    fc.constant(() => LogDestination.stdout()),
    fc.tuple(host, port, index, fc.boolean())
      .map(([h, p, i, tls]) => () => LogDestination.elasticsearch({ host: h, port: p, index: i, tls: tls ? {} : undefined })),
    fc.tuple(host, port, label, label).map(([h, p, db, collection]) => () => LogDestination.mongodb({
      image: 'registry.example.com/fluentd-mongo:1.16.11-1.6.3', host: h, port: p, database: db, collection,
    })),
  );

  test('valid props always give valid documents', () => {
    fc.assert(fc.property(containers(1, 2, ['log-shipper']), destination, absolutePath, (cs, dest, logDirectory) => {
      const apps = cs.map(({ mountPath, ...c }) => c);
      expectValid((chart) => new LogSidecarPod(chart, 'pod', { ...asUser, containers: apps, destination: dest(), logDirectory }));
    }), RUNS);
  });

  test('invalid props always raise the library\'s error', () => {
    const bad = fc.oneof(
      fc.constant({ logDirectory: 'relative/logs' }),
      fc.constant({ filePattern: 'a/b.log' }),
      fc.integer({ min: 65536, max: 10_000_000 }).map((p) => ({ destination: LogDestination.elasticsearch({ host: 'es', port: p, index: 'i' }) })),
      fc.constant({ destination: LogDestination.elasticsearch({ host: 'http://es', index: 'i' }) }),
      fc.constant({ destination: LogDestination.elasticsearch({ host: 'es', index: '' }) }),
      fc.constant({ destination: LogDestination.mongodb({ image: 'fluent/fluentd:v1.16.11-debian-1.0', host: 'm', database: 'd', collection: 'c' }) }),
      fc.constant({ destination: LogDestination.mongodb({ image: 'r/m:1', host: 'm', database: 'd', collection: '' }) }),
      fc.constant({ sidecarName: 'Log_Shipper' }),
    );
    fc.assert(fc.property(containers(1, 2, ['log-shipper']), bad, (cs, overrides) => {
      const apps = cs.map(({ mountPath, ...c }) => c);
      expectLibraryError((chart) => new LogSidecarPod(chart, 'pod', { containers: apps, destination: LogDestination.stdout(), ...overrides }));
    }), RUNS);
  });
});
