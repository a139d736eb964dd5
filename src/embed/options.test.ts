import { describe, expect, it } from 'vitest';
import { parseEmbedOptions } from './options';

describe('parseEmbedOptions', () => {
  it('defaults to an editable embed with the visitor\'s theme', () => {
    expect(parseEmbedOptions('')).toEqual({ editor: true, readonly: false, autoplay: false, theme: null, step: null, parentOrigin: null });
  });

  it('reads every option and ignores nonsense', () => {
    expect(parseEmbedOptions('?editor=0&readonly=1&autoplay=true&theme=dark&step=3&parent=https://school.example/course/1')).toEqual({
      editor: false, readonly: true, autoplay: true, theme: 'dark', step: 3, parentOrigin: 'https://school.example',
    });
    expect(parseEmbedOptions('?theme=<script>&step=-2&parent=javascript:alert(1)')).toMatchObject({ theme: null, step: null, parentOrigin: null });
  });
});
