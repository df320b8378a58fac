import { exampleApp } from './example/app';

// The example app: the article's pods as cdk8s charts, synthesized by `cdk8s synth` into dist/.
exampleApp().synth();
