// The en catalog: one module per namespace. A namespace added here must be added in every language.
import app from './app';
import builder from './builder';
import editor from './editor';
import charts from './charts';
import cli from './cli';
import common from './common';
import pivot from './pivot';
import dashboard from './dashboard';
import drill from './drill';
import settings from './settings';
import errors from './errors';
import importNs from './import';
import kpi from './kpi';
import profile from './profile';
import roles from './roles';
import sources from './sources';
import table from './table';
import ui from './ui';
import home from './home';
import templates from './templates';
import review from './review';
import detect from './detect';
import warnings from './warnings';
import progress from './progress';
import forecast from './forecast';

export default { app, builder, editor, charts, common, pivot, dashboard, drill, settings, errors, import: importNs, kpi, profile, roles, sources, table, ui, home, cli, review, templates, forecast, detect, warnings, progress };
