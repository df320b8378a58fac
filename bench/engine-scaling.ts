import { checkManifest } from '../src';

/**
 * `npm run bench:engine` (second part): the engine's time on pods with 1,000 to 100,000 elements of one kind
 * each (containers, mounts, ports, volumes, claim templates, env vars, ...), to show that every rule is
 * linear: the last column divides the time at the largest size by the time at the one before, which for
 * twice the elements should be about 2 (a quadratic rule gives 4). Hostile inputs come from pull requests;
 * a quadratic rule is a denial of service. Asserts nothing: it prints.
 */
const SIZES = (process.env.SCALING_SIZES ?? '1000,10000,50000,100000').split(',').map(Number);
const c = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: 'registry.example.com/app:1.0', ...extra });
const pod = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

export const SCALING_CASES: Record<string, (n: number) => unknown> = {
  'containers, each mounting one volume': (n) => pod({
    containers: Array.from({ length: n }, (_, i) => c(`c${i}`, { volumeMounts: [{ name: `v${i}`, mountPath: '/d' }] })),
    volumes: Array.from({ length: n }, (_, i) => ({ name: `v${i}`, emptyDir: {} })),
  }),
  'mounts of one volume in one container': (n) => pod({
    containers: [c('a', { volumeMounts: Array.from({ length: n }, (_, i) => ({ name: 'v', mountPath: `/d${i}` })) })],
    volumes: [{ name: 'v', emptyDir: {} }],
  }),
  'host ports in one container': (n) => pod({
    containers: [c('a', {
      ports: Array.from({ length: n }, (_, i) => ({
        containerPort: 1 + (i % 65535), hostPort: 1 + (i % 65535), protocol: i < 65535 ? 'TCP' : 'UDP',
      })),
    })],
  }),
  'ports across containers': (n) => pod({
    containers: Array.from({ length: n }, (_, i) => c(`c${i}`, { ports: [{ containerPort: 1 + (i % 65535), name: `p${i}` }] })),
  }),
  'unused volumes': (n) => pod({ containers: [c('a')], volumes: Array.from({ length: n }, (_, i) => ({ name: `v${i}`, emptyDir: {} })) }),
  'claim templates of a StatefulSet': (n) => ({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' },
    spec: {
      serviceName: 's', selector: { matchLabels: { a: 'b' } },
      volumeClaimTemplates: Array.from({ length: n }, (_, i) => ({ metadata: { name: `t${i}` }, spec: { accessModes: ['ReadWriteOnce'] } })),
      template: { metadata: { labels: { a: 'b' } }, spec: { containers: [c('a', {
        volumeMounts: Array.from({ length: n }, (_, i) => ({ name: `t${i}`, mountPath: `/d${i}` })),
        volumeDevices: Array.from({ length: Math.min(n, 10) }, (_, i) => ({ name: `t${i}`, devicePath: `/dev/x${i}` })) })] } },
    },
  }),
  'environment variables': (n) => pod({
    containers: [c('a', { env: Array.from({ length: n }, (_, i) => ({ name: `V${i}`, value: `$(V${i > 0 ? i - 1 : 0})` })) })],
  }),
  'init containers': (n) => pod({ initContainers: Array.from({ length: n }, (_, i) => c(`i${i}`)), containers: [c('a')] }),
  'labels and annotations': (n) => ({ ...(pod({ containers: [c('a')] }) as object), metadata: {
    name: 'p', labels: Object.fromEntries(Array.from({ length: n }, (_, i) => [`l${i}`, 'v'])),
    annotations: Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, 'v'])),
  } }),
  'host aliases and DNS options': (n) => pod({
    containers: [c('a')], hostAliases: Array.from({ length: n }, (_, i) => ({ ip: '10.0.0.1', hostnames: [`h${i}`] })),
    dnsConfig: { options: Array.from({ length: n }, (_, i) => ({ name: `o${i}` })), searches: Array.from({ length: 6 }, (_, i) => `s${i}.example`) },
  }),
  'a cpu quantity of that many digits': (n) => pod({
    containers: [c('a', { resources: { requests: { cpu: `1${'0'.repeat(n)}.${'5'.repeat(n)}m` }, limits: { cpu: '1' } } })],
  }),
};

function time(manifest: unknown): number {
  // A collection before each run, when node runs with --expose-gc, so one case's garbage is not charged to the next.
  (global as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  checkManifest(manifest);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

if (require.main === module) {
  console.log(`| case | ${SIZES.map((n) => `${n.toLocaleString('en')} (ms)`).join(' | ')} | largest / previous |`);
  console.log(`| --- | ${SIZES.map(() => '---').join(' | ')} | --- |`);
  const json: Record<string, number[]> = {};
  for (const [name, make] of Object.entries(SCALING_CASES)) {
    const ms = SIZES.map((n) => {
      const manifest = make(n);
      time(manifest); // warm-up
      return Math.min(time(manifest), time(manifest), time(manifest));
    });
    json[name] = ms;
    const ratio = ms.length > 1 ? (ms[ms.length - 1] / Math.max(ms[ms.length - 2], 0.01)).toFixed(1) : '';
    console.log(`| ${name} | ${ms.map((m) => m.toFixed(1)).join(' | ')} | ${ratio}× |`);
  }
  console.log(JSON.stringify({ bench: 'engine-scaling', sizes: SIZES, ms: json }));
}
