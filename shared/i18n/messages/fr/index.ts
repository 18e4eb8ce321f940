// The fr catalog: one module per namespace. A namespace added here must be added in every language.
import app from './app';
import common from './common';

export default { app, common };
