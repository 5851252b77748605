import { describe, expect, it } from 'vitest';
import { labelStyle, moveItem, photoPointFromClick } from './photoTagPosition';

const box = { left: 100, top: 50, width: 400, height: 200 };

describe('photo tag positions', () => {
  it('turns a click into 0..1 from the left and the top', () => {
    expect(photoPointFromClick({ clientX: 300, clientY: 100, detail: 1 }, box)).toEqual({ x: 0.5, y: 0.25 });
    expect(photoPointFromClick({ clientX: 100, clientY: 250, detail: 1 }, box)).toEqual({ x: 0, y: 1 });
    expect(photoPointFromClick({ clientX: 233, clientY: 117, detail: 1 }, box)).toEqual({ x: 0.3325, y: 0.335 });
  });

  it('clamps clicks on the border and tags the middle for keyboard clicks', () => {
    expect(photoPointFromClick({ clientX: 99, clientY: 251, detail: 1 }, box)).toEqual({ x: 0, y: 1 });
    expect(photoPointFromClick({ clientX: 0, clientY: 0, detail: 0 }, box)).toEqual({ x: 0.5, y: 0.5 });
    expect(photoPointFromClick({ clientX: 10, clientY: 10, detail: 1 }, { ...box, width: 0 })).toEqual({ x: 0.5, y: 0.5 });
  });

  it('keeps labels inside the photo', () => {
    expect(labelStyle({ x: 0, y: 0.2 })).toEqual({ left: '0%', top: '20%', transform: 'translate(0%, 0.5rem)' });
    expect(labelStyle({ x: 1, y: 0.9 })).toEqual({ left: '100%', top: '90%', transform: 'translate(-100%, -100%)' });
  });
});

describe('moveItem', () => {
  it('swaps with the neighbour and leaves the ends alone', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
