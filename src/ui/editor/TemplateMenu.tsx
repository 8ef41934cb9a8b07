/** Starter manifests: choosing one replaces the buffer (Ctrl+Z in the editor brings the old text back). */
import { TEMPLATES } from './templates';

export function TemplateMenu({ onPick }: { onPick(text: string): void }) {
  return (
    <label className="editor-template">
      <span>Template</span>
      <select
        aria-label="Insert a starter template"
        value=""
        onChange={(e) => {
          const t = TEMPLATES.find((x) => x.id === e.target.value);
          if (t) onPick(t.text);
        }}
      >
        <option value="" disabled>
          Choose…
        </option>
        {TEMPLATES.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
    </label>
  );
}
