import { describe, expect, it } from 'vitest';
import { nextTick, reactive, ref } from 'vue';
import { useClearErrorsOnEdit } from './useClearErrorsOnEdit';

describe('useClearErrorsOnEdit', () => {
  it('drops only the error of the field that changed, at once', async () => {
    const draft = reactive({ title: '', body: '' });
    const fields = ref<Record<string, string>>({ title: 'Too long', body: 'Write something' });
    useClearErrorsOnEdit(fields, { title: () => draft.title, body: () => draft.body });
    draft.body = 'Hello';
    await nextTick();
    expect(fields.value).toEqual({ title: 'Too long' });
    draft.title = 'Short';
    await nextTick();
    expect(fields.value).toEqual({});
  });

  it('keeps an error set after the change until the field changes again', async () => {
    const draft = reactive({ body: 'a' });
    const fields = ref<Record<string, string>>({});
    useClearErrorsOnEdit(fields, { body: () => draft.body });
    fields.value = { body: 'Refused' };
    await nextTick();
    expect(fields.value).toEqual({ body: 'Refused' });
    draft.body = 'ab';
    await nextTick();
    expect(fields.value).toEqual({});
  });
});
