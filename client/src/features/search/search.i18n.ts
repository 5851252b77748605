// Texts of the search page.
const en = {
  search: {
    title: 'Search',
    label: 'Search posts and people',
    placeholder: 'A title, a word, #tag or a name',
    what: 'What to search',
    posts: 'Posts',
    people: 'People',
    prompt: 'Type a word of a title or text, a #tag, or a name.',
    searching: 'Searching…',
    postResults: 'No posts found | 1 post found | {count} posts found',
    peopleResults: 'No people found | 1 person found | {count} people found',
    peopleNoTags: 'People have no tags: search posts for a #tag.',
    noPosts: 'No posts match “{query}”.',
    noPeople: 'Nobody matches “{query}”.',
    morePeople: 'Find people…',
  },
};

const ko: typeof en = {
  search: {
    title: '검색',
    label: '게시물과 사람 검색',
    placeholder: '제목이나 내용의 낱말, #태그, 이름',
    what: '검색 대상',
    posts: '게시물',
    people: '사람',
    prompt: '제목이나 내용의 낱말, #태그 또는 이름을 입력하세요.',
    searching: '검색하는 중…',
    postResults: '게시물 {count}개를 찾았습니다',
    peopleResults: '{count}명을 찾았습니다',
    peopleNoTags: '사람에게는 태그가 없습니다. #태그는 게시물에서 찾아 보세요.',
    noPosts: '“{query}”에 맞는 게시물이 없습니다.',
    noPeople: '“{query}”에 맞는 사람이 없습니다.',
    morePeople: '사람 찾기…',
  },
};

export default { en, ko };
