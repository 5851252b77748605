// Texts of the landing page signed-out visitors see at `/`.
const en = {
  landing: {
    title: 'PP-ENTER',
    tagline: 'Video calls with friends, where the room feels how you feel.',
    intro:
      'Call your friends face to face. Your background follows your expression, you can grab a moment of the call as a screenshot, and share it in a post.',
    signUp: 'Sign up free',
    signIn: 'Sign in',
    featuresTitle: 'What you can do',
    callsTitle: 'Video calls with friends',
    callsBody: 'Ring a friend, or open a room for a group. Calls start in a tap and keep going while you browse.',
    emotionTitle: 'Emotion backgrounds',
    emotionBody: 'Smile and the room warms up; look surprised and it sparkles. The background follows your face, on your own device.',
    screenshotTitle: 'Screenshots into posts',
    screenshotBody: 'Catch the funniest moment of a call and post it, with everyone who was in the picture tagged.',
    feedTitle: 'Your feed',
    feedBody: 'See what your friends posted, like and comment, and find people by name or tag.',
    closing: 'Ready to call your friends?',
    illustrationCall: 'Two friends on a video call',
    illustrationEmotion: 'A smiling face with a warm, glowing background',
    illustrationScreenshot: 'A call screenshot becoming a post',
    illustrationFeed: 'A feed of posts with likes',
  },
};

const ko: typeof en = {
  landing: {
    title: 'PP-ENTER',
    tagline: '내 기분을 따라 분위기가 바뀌는, 친구와의 영상 통화.',
    intro: '친구와 얼굴 보며 통화하세요. 배경이 내 표정을 따라 바뀌고, 통화 중 순간을 스크린샷으로 남겨 게시물로 나눌 수 있어요.',
    signUp: '무료로 가입하기',
    signIn: '로그인',
    featuresTitle: '할 수 있는 것',
    callsTitle: '친구와 영상 통화',
    callsBody: '친구에게 전화하거나 여럿이 모이는 방을 여세요. 한 번 탭하면 시작되고, 다른 화면을 보는 동안에도 이어집니다.',
    emotionTitle: '감정 배경',
    emotionBody: '웃으면 방이 따뜻해지고, 놀라면 반짝여요. 배경이 내 표정을 따라가며, 모든 처리는 내 기기에서 이루어집니다.',
    screenshotTitle: '스크린샷을 게시물로',
    screenshotBody: '통화 중 가장 재미있는 순간을 찍어 게시하세요. 화면에 있던 친구들이 태그됩니다.',
    feedTitle: '내 피드',
    feedBody: '친구들의 게시물을 보고, 좋아요와 댓글을 남기고, 이름이나 태그로 사람을 찾아보세요.',
    closing: '친구에게 전화할 준비가 되셨나요?',
    illustrationCall: '영상 통화 중인 두 친구',
    illustrationEmotion: '따뜻하게 빛나는 배경 앞의 웃는 얼굴',
    illustrationScreenshot: '게시물이 되는 통화 스크린샷',
    illustrationFeed: '좋아요가 달린 게시물 피드',
  },
};

export default { en, ko };
