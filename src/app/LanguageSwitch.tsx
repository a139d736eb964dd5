/**
 * The TypeScript | Python switch beside the editor. Each language keeps its own draft; switching
 * shows the other's (its default snippet the first time) and runs it. The first switch to Python
 * loads Python (Pyodide) and says so while it does. An open built-in lesson is shown again in the
 * language chosen (its seed examples exist in both).
 */
import { useStore } from '../store';
import { LANGUAGE_LABELS, LANGUAGES, type Language } from '../store/language';
import { preloadPython, runNow } from './runController';
import './DeviceSwitch.css';

export function LanguageSwitch() {
  const language = useStore((s) => s.language);
  const setLanguage = useStore((s) => s.setLanguage);
  const choose = (value: Language) => {
    if (value === language) return;
    setLanguage(value);
    // A built-in lesson of seed examples exists in both languages: it is shown again in the new one.
    const { lesson, lessonOrigin, lessonStep } = useStore.getState();
    if (lesson && lessonOrigin === 'builtin') {
      void Promise.all([import('../lessons/lessonController'), import('../lessons')]).then(([player, lessons]) => {
        const builtIn = lessons.lessonById(lesson.id);
        if (builtIn) player.openLesson(builtIn, 'builtin', lessonStep);
        else runNow();
      });
    } else {
      runNow();
    }
  };
  return (
    <div className="device-switch language-switch" role="radiogroup" aria-label="Snippet language" data-testid="language-switch">
      {LANGUAGES.map((value) => (
        <label
          key={value}
          className={`device-option${language === value ? ' device-option--on' : ''}`}
          onPointerEnter={value === 'python' ? preloadPython : undefined}
          onFocus={value === 'python' ? preloadPython : undefined}
          title={value === 'python' ? 'Python, run as real Python (Pyodide) over the same engine' : 'TypeScript, with IntelliSense for the whole engine'}>
          <input type="radio" name="language" value={value} checked={language === value} onChange={() => choose(value)} data-testid={`language-${value}`} />
          <span>{LANGUAGE_LABELS[value]}</span>
        </label>
      ))}
    </div>
  );
}
