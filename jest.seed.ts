// Every test file starts from the same global seed, so a test whose weights come from the
// initializers (a gradient check near a relu kink, say) draws the same weights on every run
// instead of failing once in a while on an OS-random seed.
import { setSeed } from '@strata/core';

setSeed('strata-tests');
