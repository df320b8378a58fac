import { App } from 'cdk8s';
import { addExampleCharts } from './example/app';
import { KUBERNETES_TARGET_CONTEXT } from './validation/kubernetes-target';

// The example app: the article's pods as cdk8s charts, synthesized by `cdk8s synth` into dist/. It states
// its cluster, 1.35 (the default too), so its checks do not change when the default does.
const app = new App();
app.node.setContext(KUBERNETES_TARGET_CONTEXT, 35);
addExampleCharts(app);
app.synth();
