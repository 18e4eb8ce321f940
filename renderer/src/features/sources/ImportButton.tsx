// "Import file…": the native dialog in Electron; in browser mode a file input kept in the page
// (tests drive it with setInputFiles). Either way the import dialog opens next: nothing is imported
// before the user has seen what was detected.
import { useRef } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { UploadIcon } from '../../ui/icons';

export const IMPORT_ACCEPT = '.csv,.tsv,.txt,.xlsx,.xlsm,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportButtonProps {
  browserMode: boolean;
  busy: boolean;
  onPick: () => void;
  onFile: (file: File) => void;
}

export function ImportButton({ browserMode, busy, onPick, onFile }: ImportButtonProps) {
  const t = useT();
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="button button-primary button-block"
        data-testid="import-button"
        disabled={busy}
        title={t('sources.importButtonTitle')}
        onClick={() => (browserMode ? inputRef.current?.click() : onPick())}
      >
        <UploadIcon />
        {t('sources.importButton')}
      </button>
      {browserMode && (
        <input
          ref={inputRef}
          type="file"
          accept={IMPORT_ACCEPT}
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Reset so that choosing the same file again fires another change.
            e.target.value = '';
            if (file) onFile(file);
          }}
        />
      )}
    </>
  );
}
