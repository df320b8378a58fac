import { container, deployment, pod } from './raw-pods';

/**
 * The ten mistakes of issue 4 that cdk8s-plus-27 let through, as raw manifests, with the finding each must
 * produce (`rule path`). Used by the engine's and the plugin's tests.
 */
export const TEN_MISTAKES: Array<[string, any, string]> = [
  ['a duplicate container name', pod({ containers: [container('a'), container('a')] }), 'container-name-unique spec.containers[1].name'],
  ['one name on an init and an app container', pod({ initContainers: [container('a')], containers: [container('a')] }), 'container-name-unique spec.containers[0].name'],
  ['an invalid container name', pod({ containers: [container('Bad_Name')] }), 'container-name spec.containers[0].name'],
  ['an invalid pod name', pod({ containers: [container('a')] }, 'Bad_Pod'), 'pod-name metadata.name'],
  ['an empty image', pod({ containers: [container('a', { image: '' })] }), 'image spec.containers[0].image'],
  // A relative or colon mount path was on this list: the API server accepts both (validation_test.go lists "d:"
  // and "F:" as valid mount paths) and the kubelet mounts "data" at "/data", so they are warnings now.
  ['a mount of a volume the pod does not declare', deployment({ containers: [container('a', { volumeMounts: [{ name: 'v', mountPath: '/data' }] })] }), 'volume-mount-name spec.template.spec.containers[0].volumeMounts[0].name'],
  ['an empty mount path', deployment({ containers: [container('a', { volumeMounts: [{ name: 'v', mountPath: '' }] })], volumes: [{ name: 'v', emptyDir: {} }] }), 'mount-path spec.template.spec.containers[0].volumeMounts[0].mountPath'],
  ['one mount path twice', pod({ containers: [container('a', { volumeMounts: [{ name: 'v', mountPath: '/d' }, { name: 'w', mountPath: '/d' }] })], volumes: [{ name: 'v', emptyDir: {} }, { name: 'w', emptyDir: {} }] }), 'mount-path-unique spec.containers[0].volumeMounts[1].mountPath'],
  ['two containers on port 80', deployment({ containers: [container('a', { ports: [{ containerPort: 80 }] }), container('b', { ports: [{ containerPort: 80 }] })] }), 'port-conflict spec.template.spec.containers[1].ports[0].containerPort'],
  ['containerPort 70000', pod({ containers: [container('a', { ports: [{ containerPort: 70000 }] })] }), 'container-port spec.containers[0].ports[0].containerPort'],
];
