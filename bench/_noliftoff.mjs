import v8 from 'node:v8';
v8.setFlagsFromString(process.env.V8FLAG ?? '--no-liftoff');
await import(process.argv[2]);
