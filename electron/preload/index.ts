// The only bridge between the sandboxed renderer and the main process: the QuarterdeckApi as
// window.quarterdeck and the host's file dialog as window.quarterdeckHost. Nothing else.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  API_METHODS,
  HOST_CHANNEL_PICK_FILE,
  IPC_CHANNEL_PREFIX,
  type FileRef,
  type HostBridge,
  type QuarterdeckApi,
} from '../../shared/api';

const api = Object.fromEntries(
  API_METHODS.map((method) => [
    method,
    (...args: unknown[]) => ipcRenderer.invoke(`${IPC_CHANNEL_PREFIX}${method}`, ...args),
  ]),
) as unknown as QuarterdeckApi;

const host: HostBridge = {
  kind: 'electron',
  pickCsvFile: () => ipcRenderer.invoke(HOST_CHANNEL_PICK_FILE) as Promise<FileRef | null>,
  // A sandboxed page cannot see a dropped file's path; Electron's webUtils can.
  pathForFile: (file: unknown) => webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]),
};

contextBridge.exposeInMainWorld('quarterdeck', api);
contextBridge.exposeInMainWorld('quarterdeckHost', host);
