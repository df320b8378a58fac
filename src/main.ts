import { App } from 'cdk8s';
import { addExampleCharts } from './example/app';

// The example app: the article's pods as cdk8s charts, synthesized by `cdk8s synth` into dist/.
const app = new App();
addExampleCharts(app);
app.synth();
