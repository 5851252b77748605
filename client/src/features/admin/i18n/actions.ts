// Staff actions and their reason dialog (useStaffActions, AdminActionDialog).
const en = {
  actions: {
    title: {
      remove: 'Remove {label}',
      suspend: 'Suspend {label}',
      endRoom: 'End the room {label}',
      resolve: 'Resolve the reports about {label}',
    },
    intro: {
      remove: 'It is hidden from everyone but staff at once, not deleted: it can be restored.',
      suspend: 'Their sessions end at once, they leave every call, and their profile and content are hidden.',
      endRoom: 'Everyone in it is disconnected and the room is closed.',
      resolve: 'Say what was done. The reporters are told their report was handled, not what happened.',
    },
    confirm: { remove: 'Remove', suspend: 'Suspend', endRoom: 'End room', resolve: 'Resolve' },
    reason: 'Reason (written to the moderation log)',
    reasonRequired: 'Write a reason.',
    until: 'Suspended until (optional)',
    untilHint: 'Leave empty to suspend until reinstated.',
    untilFuture: 'The end must be in the future.',
    cancel: 'Cancel',
    toasts: 'Staff action messages',
    done: {
      remove: 'Removed {label}',
      restore: 'Restored {label}',
      suspend: 'Suspended {label}',
      reinstate: 'Reinstated {label}',
      endRoom: 'Ended the room {label}',
      setRole: 'Changed the role of {label}',
    },
    errors: {
      FORBIDDEN: 'You are not allowed to do this.',
      NOT_FOUND: 'This is no longer there.',
      CONFLICT: 'This was already done, or would leave no admin.',
    },
  },
};

const ko: typeof en = {
  actions: {
    title: {
      remove: '{label} 삭제',
      suspend: '{label} 정지',
      endRoom: '{label} 방 종료',
      resolve: '{label} 신고 처리',
    },
    intro: {
      remove: '운영진 외 모두에게 즉시 숨겨지며, 지워지지 않아 복구할 수 있습니다.',
      suspend: '세션이 즉시 끝나고 모든 통화에서 나가며, 프로필과 콘텐츠가 숨겨집니다.',
      endRoom: '방 안의 모든 사람의 연결이 끊기고 방이 닫힙니다.',
      resolve: '어떤 조치를 했는지 적어 주세요. 신고자에게는 처리되었다는 사실만 알려집니다.',
    },
    confirm: { remove: '삭제', suspend: '정지', endRoom: '방 종료', resolve: '처리 완료' },
    reason: '사유 (조치 기록에 남습니다)',
    reasonRequired: '사유를 입력해 주세요.',
    until: '정지 종료 시각 (선택)',
    untilHint: '비워 두면 해제할 때까지 정지됩니다.',
    untilFuture: '종료 시각은 미래여야 합니다.',
    cancel: '취소',
    toasts: '운영 조치 알림',
    done: {
      remove: '{label} 삭제함',
      restore: '{label} 복구함',
      suspend: '{label} 정지함',
      reinstate: '{label} 정지 해제함',
      endRoom: '{label} 방을 종료함',
      setRole: '{label}의 역할을 바꿈',
    },
    errors: {
      FORBIDDEN: '이 작업을 할 권한이 없습니다.',
      NOT_FOUND: '더 이상 존재하지 않습니다.',
      CONFLICT: '이미 처리되었거나, 관리자가 남지 않게 됩니다.',
    },
  },
};

export default { en, ko };
