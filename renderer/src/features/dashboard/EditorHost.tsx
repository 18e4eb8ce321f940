// Opens the widget editor on a widget (or on nothing, to add one), drawing its preview with the
// workspace's display settings.
import type { WorkspaceInfo } from '../../../../shared/api';
import type { Widget } from '../../../../shared/dashboard/types';
import { useSettings } from '../../app/settings-context';
import { WidgetEditor } from '../widget-editor/WidgetEditor';

export interface EditorHostProps {
  workspace: WorkspaceInfo;
  widget: Widget | null;
  onSave(widget: Widget): void;
  onCancel(): void;
}

export function EditorHost({ workspace, widget, onSave, onCancel }: EditorHostProps) {
  const { settings } = useSettings();
  return (
    <WidgetEditor
      workspace={workspace}
      initial={widget}
      display={{ locale: settings.locale, currency: settings.currency, theme: settings.theme }}
      onSave={onSave}
      onCancel={onCancel}
    />
  );
}
