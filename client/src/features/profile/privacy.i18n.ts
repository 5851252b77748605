// The profile's privacy texts: private and unavailable profiles, the privacy setting and the e-mail change.
const en = {
  privacy: {
    privateTitle: 'This account is private',
    privateBody: 'Follow {name} to see their posts once they approve your request.',
    privateBadge: 'Private account',
    unavailableTitle: 'This profile isn’t available',
    unavailableBody: 'The link may be broken, or the profile may have been removed or blocked.',
    youBlockedTitle: 'You blocked {name}',
    youBlockedBody: 'You don’t see each other’s posts, and neither of you can call, follow or befriend the other.',
    settingTitle: 'Privacy',
    privateLabel: 'Private account',
    privateHint: 'Only your friends and the followers you approve see your posts. Others see your name, picture and counts.',
    savedPrivate: 'Your account is private now.',
    savedPublic: 'Your account is public now.',
    emailTitle: 'E-mail address',
    currentEmail: 'Current address: {email}',
    newEmail: 'New e-mail address',
    currentPassword: 'Current password',
    sendLink: 'Send confirmation link',
    linkSent: 'We sent a link to {email}. Your address changes when you open it.',
  },
};

const ko: typeof en = {
  privacy: {
    privateTitle: '비공개 계정입니다',
    privateBody: '{name}님을 팔로우하고 요청이 승인되면 게시물을 볼 수 있습니다.',
    privateBadge: '비공개 계정',
    unavailableTitle: '이 프로필을 볼 수 없습니다',
    unavailableBody: '링크가 잘못되었거나 프로필이 삭제 또는 차단되었을 수 있습니다.',
    youBlockedTitle: '{name}님을 차단했습니다',
    youBlockedBody: '서로의 게시물을 볼 수 없고, 전화·팔로우·친구 요청도 할 수 없습니다.',
    settingTitle: '공개 범위',
    privateLabel: '비공개 계정',
    privateHint: '친구와 내가 승인한 팔로워만 내 게시물을 봅니다. 다른 사람은 이름, 사진, 숫자만 봅니다.',
    savedPrivate: '이제 비공개 계정입니다.',
    savedPublic: '이제 공개 계정입니다.',
    emailTitle: '이메일 주소',
    currentEmail: '현재 주소: {email}',
    newEmail: '새 이메일 주소',
    currentPassword: '현재 비밀번호',
    sendLink: '확인 링크 보내기',
    linkSent: '{email}(으)로 링크를 보냈습니다. 링크를 열면 주소가 바뀝니다.',
  },
};

export default { en, ko };
