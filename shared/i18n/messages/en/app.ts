export default {
  brandName: 'Quarterdeck',
  workspace: 'Workspace',
  navHome: 'Home',
  navDashboards: 'Dashboards',
  navForecast: 'Forecast',
  navData: 'Data',
  navLabel: 'Main sections',
  openingWorkspace: 'Opening the workspace…',
  openWorkspaceFailed: 'Could not open the workspace',
};
