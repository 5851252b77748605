// Texts of the e-mail flows: forgot password, reset password, verifying the address and its banner.
const en = {
  accountEmail: {
    forgotLink: 'Forgot password?',
    forgotTitle: 'Forgot your password?',
    forgotIntro: 'Enter the e-mail address of your account. We will send you a link to set a new password.',
    forgotSubmit: 'Send link',
    forgotSent: 'If an account uses {email}, we sent it a link. It works once, for 30 minutes. Check your spam folder too.',
    backToSignIn: 'Back to sign in',
    resetTitle: 'Set a new password',
    resetIntro: 'Choose a new password. Every device signed in to your account will be signed out.',
    newPassword: 'New password',
    confirmPassword: 'New password again',
    resetSubmit: 'Set password',
    resetDone: 'Your password was changed. Sign in with the new one.',
    signIn: 'Sign in',
    noToken: 'This page needs the link from the e-mail. Ask for a new one.',
    askAgain: 'Send a new link',
    verifyTitle: 'Verify your e-mail',
    verifying: 'Checking your link…',
    verified: 'Your e-mail address is verified. Thank you!',
    continue: 'Continue',
    bannerText: 'Verify your e-mail address: we sent you a link.',
    bannerResend: 'Resend',
    bannerSent: 'Sent. Check your inbox.',
    errors: {
      fields: {
        token: { INVALID: 'This link does not work any more: it expired, was already used or a newer one was sent.' },
        confirm: { MISMATCH: 'The two passwords are not the same.' },
      },
      CONFLICT: 'Your e-mail address is already verified.',
    },
  },
};

const ko: typeof en = {
  accountEmail: {
    forgotLink: '비밀번호를 잊으셨나요?',
    forgotTitle: '비밀번호를 잊으셨나요?',
    forgotIntro: '계정의 이메일 주소를 입력하세요. 새 비밀번호를 설정할 수 있는 링크를 보내 드립니다.',
    forgotSubmit: '링크 보내기',
    forgotSent: '{email}을(를) 쓰는 계정이 있다면 링크를 보냈습니다. 30분 동안 한 번만 쓸 수 있어요. 스팸함도 확인해 주세요.',
    backToSignIn: '로그인으로 돌아가기',
    resetTitle: '새 비밀번호 설정',
    resetIntro: '새 비밀번호를 정하세요. 계정에 로그인된 모든 기기에서 로그아웃됩니다.',
    newPassword: '새 비밀번호',
    confirmPassword: '새 비밀번호 확인',
    resetSubmit: '비밀번호 설정',
    resetDone: '비밀번호가 바뀌었습니다. 새 비밀번호로 로그인하세요.',
    signIn: '로그인',
    noToken: '이 페이지는 이메일에 있는 링크로 열어야 합니다. 새 링크를 요청하세요.',
    askAgain: '새 링크 받기',
    verifyTitle: '이메일 확인',
    verifying: '링크를 확인하는 중…',
    verified: '이메일 주소가 확인되었습니다. 감사합니다!',
    continue: '계속',
    bannerText: '이메일 주소를 확인해 주세요. 확인 링크를 보냈습니다.',
    bannerResend: '다시 보내기',
    bannerSent: '보냈습니다. 받은편지함을 확인하세요.',
    errors: {
      fields: {
        token: { INVALID: '이 링크는 더 이상 쓸 수 없습니다. 만료되었거나, 이미 사용되었거나, 더 새 링크가 발송되었습니다.' },
        confirm: { MISMATCH: '두 비밀번호가 같지 않습니다.' },
      },
      CONFLICT: '이메일 주소가 이미 확인되었습니다.',
    },
  },
};

export default { en, ko };
