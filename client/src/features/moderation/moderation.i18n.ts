// The moderation feature's texts: the report dialog and its thank-you toast.
const en = {
  moderation: {
    report: 'Report',
    reportPost: 'Report this post',
    reportComment: 'Report this comment',
    reportChatMessage: 'Report this chat message',
    reportRoom: 'Report the room “{name}”',
    reportUser: 'Report {name}',
    reportIntro: 'Tell our moderators what is wrong. The author is not told who reported it.',
    reasonLegend: 'Reason',
    reasons: {
      SPAM: 'Spam',
      HARASSMENT: 'Harassment or bullying',
      HATE: 'Hate speech',
      VIOLENCE: 'Violence or threats',
      NUDITY: 'Nudity or sexual content',
      SELF_HARM: 'Self-harm',
      IMPERSONATION: 'Impersonation',
      OTHER: 'Something else',
    },
    comment: 'Details (optional)',
    commentHint: '{count} of {max} characters',
    chooseReason: 'Choose a reason.',
    submit: 'Send report',
    cancel: 'Cancel',
    thanks: 'Thanks — our moderators will review it',
    toasts: 'Report messages',
    errors: {
      CONFLICT: 'You already reported this',
      NOT_FOUND: 'This is no longer there.',
      FORBIDDEN: 'You cannot report this.',
    },
  },
};

const ko: typeof en = {
  moderation: {
    report: '신고',
    reportPost: '이 게시물 신고',
    reportComment: '이 댓글 신고',
    reportChatMessage: '이 채팅 메시지 신고',
    reportRoom: '“{name}” 방 신고',
    reportUser: '{name}님 신고',
    reportIntro: '무엇이 문제인지 운영진에게 알려 주세요. 신고한 사람은 작성자에게 알려지지 않습니다.',
    reasonLegend: '사유',
    reasons: {
      SPAM: '스팸',
      HARASSMENT: '괴롭힘 또는 따돌림',
      HATE: '혐오 발언',
      VIOLENCE: '폭력 또는 위협',
      NUDITY: '나체 또는 성적인 콘텐츠',
      SELF_HARM: '자해',
      IMPERSONATION: '사칭',
      OTHER: '기타',
    },
    comment: '자세한 내용 (선택)',
    commentHint: '{count}/{max}자',
    chooseReason: '사유를 선택해 주세요.',
    submit: '신고하기',
    cancel: '취소',
    thanks: '감사합니다 — 운영진이 검토하겠습니다',
    toasts: '신고 알림',
    errors: {
      CONFLICT: '이미 신고한 내용입니다',
      NOT_FOUND: '더 이상 존재하지 않습니다.',
      FORBIDDEN: '신고할 수 없습니다.',
    },
  },
};

export default { en, ko };
