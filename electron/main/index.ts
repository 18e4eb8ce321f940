// Electron host: window, dialogs and the IPC binding of the contract. No business logic here:
// every handler checks its sender and arguments, then calls the core.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, session, shell } from 'electron';
import { API_METHODS, HOST_CHANNEL_PICK_FILE, IPC_CHANNEL_PREFIX, type Result } from '../../shared/api';
import { parseArgs } from '../../shared/api-schema';
import { CoreApi } from '../core/api';
import type { PdfPrinter } from '../core/review/pdf';
import { ensureDemo } from '../core/demo';
import { projectRoot, samplesDir } from '../core/paths';
import { CONTENT_SECURITY_POLICY } from '../server/http-host';

let mainWindow: BrowserWindow | null = null;

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!mainWindow || !frame || event.sender !== mainWindow.webContents) return false;
  const url = new URL(frame.url);
  if (process.env.ELECTRON_RENDERER_URL) return url.origin === new URL(process.env.ELECTRON_RENDERER_URL).origin;
  return url.protocol === 'file:';
}

function bindApi(core: CoreApi): void {
  for (const method of API_METHODS) {
    ipcMain.handle(`${IPC_CHANNEL_PREFIX}${method}`, async (event, ...args: unknown[]): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'untrusted sender' } };
      }
      const parsed = parseArgs(method, args);
      if (!parsed.ok) return parsed;
      const fn = core[method] as (...a: unknown[]) => Promise<Result<unknown>>;
      return fn.apply(core, parsed.value as unknown[]);
    });
  }
  ipcMain.handle(HOST_CHANNEL_PICK_FILE, async (event) => {
    if (!isTrustedSender(event) || !mainWindow) return null;
    const picked = await dialog.showOpenDialog(mainWindow, {
      title: 'Import a CRM export',
      properties: ['openFile'],
      filters: [
        { name: 'CRM exports (CSV, Excel)', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xlsm'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    const path = picked.filePaths[0];
    return picked.canceled || !path ? null : { kind: 'path', path };
  });
}

/** Reviews print to PDF with Electron's own Chromium: a hidden, script-less window per document. */
const printPdf: PdfPrinter = async (html, options) => {
  const win = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true } });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    const pdf = await win.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: options.headerTemplate,
      footerTemplate: options.footerTemplate,
      margins: { top: 0.7, bottom: 0.55, left: 0.47, right: 0.47 },
    });
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
  }
};

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    show: false,
    title: 'Quarterdeck',
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // No navigation away from the app and no new windows; links open in the user's browser.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(fileURLToPath(new URL('../renderer/index.html', import.meta.url)));
  return win;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // DuckDB allows one writer per file: a second instance hands over to the first.
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  await app.whenReady();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  const core = await CoreApi.open(join(dataDir, 'workspace.duckdb'), { review: { printPdf } });
  const root = app.isPackaged ? process.resourcesPath : projectRoot(import.meta.url);
  const demo = await ensureDemo(core, samplesDir(root));
  if (!demo.ok) dialog.showErrorBox('Quarterdeck', `Could not load the demo data: ${demo.error.message}`);
  bindApi(core);
  mainWindow = createWindow();
  app.on('window-all-closed', () => {
    core.close();
    app.quit();
  });
}

void start();
