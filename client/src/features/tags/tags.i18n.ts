// Texts of the tags feature (tag input, tag pages).
const en = {
  tags: {
    label: 'Tags',
    hint: 'Press Enter, space or comma after each tag; up to {max}.',
    chosen: 'Chosen tags',
    remove: 'Remove tag {tag}',
    suggestions: 'Suggested tags',
    rejected: 'Not a tag (letters, digits and _ only): {tags}',
    postCount: 'No posts | 1 post | {count} posts',
    postsWith: 'Posts tagged {tag}',
    empty: 'No posts are tagged #{tag} yet.',
  },
};

const ko: typeof en = {
  tags: {
    label: '태그',
    hint: '태그마다 Enter, 스페이스 또는 쉼표를 누르세요. {max}개까지.',
    chosen: '고른 태그',
    remove: '{tag} 태그 삭제',
    suggestions: '추천 태그',
    rejected: '태그로 쓸 수 없습니다 (글자, 숫자, _만): {tags}',
    postCount: '게시물 {count}개',
    postsWith: '{tag} 태그가 달린 게시물',
    empty: '아직 #{tag} 태그가 달린 게시물이 없습니다.',
  },
};

export default { en, ko };
