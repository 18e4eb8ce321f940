// PDF from the review's HTML, printed by Chromium: playwright-core drives a Chromium installed on the
// machine (QUARTERDECK_CHROMIUM, else the usual system paths). The Electron host may print with its
// own Chromium instead (CoreOptions.printPdf). A4, the period and filters in a header on every page.
import { existsSync } from 'node:fs';

export interface PdfPrintOptions {
  headerTemplate: string;
  footerTemplate: string;
}

/** Prints one HTML document to PDF bytes. */
export type PdfPrinter = (html: string, options: PdfPrintOptions) => Promise<Uint8Array>;

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'];

/** The Chromium to print with, or null when none is found. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const wanted = env.QUARTERDECK_CHROMIUM;
  if (wanted) return existsSync(wanted) ? wanted : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export class NoChromiumError extends Error {
  constructor() {
    super('no Chromium found to print the PDF: install Chromium (e.g. apt-get install chromium) or set QUARTERDECK_CHROMIUM to its path; the HTML export works without it');
    this.name = 'NoChromiumError';
  }
}

/** A printer launching a system Chromium through playwright-core, one browser per document. */
export const chromiumPrinter: PdfPrinter = async (html, options) => {
  const executablePath = findChromium();
  if (!executablePath) throw new NoChromiumError();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    // No network: the document is self-contained.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: options.headerTemplate,
      footerTemplate: options.footerTemplate,
      margin: { top: '18mm', bottom: '14mm', left: '12mm', right: '12mm' },
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
};
