// The main job (`npm start`): the article's facial-expression CNN, end to end.
// Trains on synthetic FER2013-style faces by default, or on real FER2013 with --data; prints
// the summary, a progress bar, test accuracy and a confusion matrix, saves the model, and
// writes a picture of the training (curves, confusion matrix, test faces). Ctrl-C saves a
// checkpoint that --resume continues from. The run itself is examples/shared/fer/run.mjs.
import { runFerExample } from '../shared/fer/run.mjs';
import { articleModel } from './model.mjs';

await runFerExample({ name: 'fer-cnn', command: 'npm start', buildModel: articleModel, out: 'examples/fer-cnn/output' });
