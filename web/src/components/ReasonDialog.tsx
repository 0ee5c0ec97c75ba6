/** Ask for a reason in a modal dialog (rejections, merges): `const [dialog, ask] = useReason()`. */
import { useRef, useState } from 'preact/hooks';
import { t } from '../lib/i18n.ts';

export function useReason(): [preact.JSX.Element, (title: string) => Promise<string | null>] {
  const ref = useRef<HTMLDialogElement>(null);
  const [title, setTitle] = useState('');
  const resolver = useRef<((value: string | null) => void) | null>(null);
  const ask = (question: string) =>
    new Promise<string | null>((resolve) => {
      resolver.current = resolve;
      setTitle(question);
      const dialog = ref.current;
      if (dialog === null) return resolve(null);
      const input = dialog.querySelector('input');
      if (input !== null) input.value = '';
      dialog.showModal();
    });
  const finish = (value: string | null) => {
    ref.current?.close();
    resolver.current?.(value);
    resolver.current = null;
  };
  const element = (
    <dialog ref={ref} class="reason-dialog" aria-labelledby="reason-title" onCancel={() => finish(null)}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          const value = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
          if (value.length >= 3) finish(value);
        }}
      >
        <label id="reason-title">
          {title}
          <input name="reason" required minLength={3} maxLength={2000} autoFocus />
        </label>
        <div class="actions">
          <button type="submit" class="primary">
            OK
          </button>
          <button type="button" onClick={() => finish(null)}>
            {t('detail.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
  return [element, ask];
}
