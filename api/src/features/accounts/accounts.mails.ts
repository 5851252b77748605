import type { MailMessage } from '../../kernel/mailer.js';

/**
 * The account e-mails. The API does not know a user's language, so each message says everything in Korean and then
 * in English (the app's two languages); links are absolute, built from config.publicUrl.
 */
interface Section {
  /** One paragraph per entry; `{link}` stands where the link goes. */
  paragraphs: string[];
  linkLabel: string;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function message(to: string, subject: string, link: string, ko: Section, en: Section): MailMessage {
  const text = [ko, en].map((s) => [...s.paragraphs, `${s.linkLabel}: ${link}`].join('\n\n')).join('\n\n———\n\n');
  const html = [ko, en]
    .map((s) => `${s.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}<p><a href="${escape(link)}">${escape(s.linkLabel)}</a></p>`)
    .join('<hr>');
  return { to, subject, text, html: `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${html}</body></html>` };
}

export function verificationMail(to: string, username: string, link: string): MailMessage {
  return message(
    to,
    'PP-ENTER 이메일 주소 확인 / Verify your e-mail address',
    link,
    {
      paragraphs: [
        `${username}님, PP-ENTER에 오신 것을 환영합니다.`,
        '아래 링크를 열어 이 이메일 주소를 확인해 주세요. 링크는 24시간 동안 한 번만 사용할 수 있습니다.',
      ],
      linkLabel: '이메일 주소 확인',
    },
    {
      paragraphs: [`Welcome to PP-ENTER, ${username}.`, 'Open the link below to verify this e-mail address. It works once, for 24 hours.'],
      linkLabel: 'Verify e-mail address',
    },
  );
}

export function passwordResetMail(to: string, username: string, link: string): MailMessage {
  const ignore = {
    ko: '요청하지 않으셨다면 이 메일을 무시하세요. 비밀번호는 바뀌지 않습니다.',
    en: 'If you did not ask for this, ignore this e-mail: your password stays as it is.',
  };
  return message(
    to,
    'PP-ENTER 비밀번호 재설정 / Reset your password',
    link,
    {
      paragraphs: [`${username}님, 비밀번호 재설정 요청을 받았습니다.`, '아래 링크는 30분 동안 한 번만 사용할 수 있습니다.', ignore.ko],
      linkLabel: '새 비밀번호 설정',
    },
    {
      paragraphs: [
        `Someone asked to reset the password of ${username} on PP-ENTER.`,
        'The link below works once, for 30 minutes.',
        ignore.en,
      ],
      linkLabel: 'Set a new password',
    },
  );
}

export function emailChangeMail(to: string, username: string, link: string): MailMessage {
  return message(
    to,
    'PP-ENTER 새 이메일 주소 확인 / Confirm your new e-mail address',
    link,
    {
      paragraphs: [
        `${username}님이 PP-ENTER 계정의 이메일 주소를 이 주소로 바꾸려고 합니다.`,
        '아래 링크를 열면 바뀝니다. 링크는 24시간 동안 한 번만 사용할 수 있습니다. 요청하지 않으셨다면 무시하세요.',
      ],
      linkLabel: '새 이메일 주소 확인',
    },
    {
      paragraphs: [
        `${username} asked to use this address for their PP-ENTER account.`,
        'Open the link below to make the change. It works once, for 24 hours. If you did not ask for this, ignore this e-mail.',
      ],
      linkLabel: 'Confirm new e-mail address',
    },
  );
}

/** To the old address once the change is made: if it was not the owner, they can take the account back by a reset. */
export function emailChangedNoticeMail(to: string, username: string, newEmail: string, link: string): MailMessage {
  return message(
    to,
    'PP-ENTER 이메일 주소 변경됨 / Your e-mail address was changed',
    link,
    {
      paragraphs: [
        `${username}님 계정의 이메일 주소가 ${newEmail}(으)로 바뀌었습니다.`,
        '본인이 아니라면 지금 비밀번호를 재설정하고 고객 지원에 알려 주세요.',
      ],
      linkLabel: '비밀번호 재설정',
    },
    {
      paragraphs: [
        `The e-mail address of your account ${username} was changed to ${newEmail}.`,
        'If this was not you, reset your password now and tell us.',
      ],
      linkLabel: 'Reset password',
    },
  );
}

export interface SignInDetails {
  at: Date;
  browser: string;
  origin: string;
}

export function signInNoticeMail(to: string, username: string, link: string, details: SignInDetails): MailMessage {
  const at = { ko: details.at.toLocaleString('ko-KR', { timeZone: 'Asia/Seoul' }) + ' (KST)', en: details.at.toUTCString() };
  return message(
    to,
    'PP-ENTER 새 로그인 / New sign-in to PP-ENTER',
    link,
    {
      paragraphs: [
        `${username}님 계정에 새 브라우저에서 로그인했습니다.`,
        `시간: ${at.ko}\n브라우저: ${details.browser}\n접속 위치(대략): ${details.origin}`,
        '본인이 아니라면 지금 비밀번호를 바꾸세요. 다른 기기는 모두 로그아웃됩니다.',
      ],
      linkLabel: '비밀번호 변경',
    },
    {
      paragraphs: [
        `Your account ${username} was signed in to from a new browser.`,
        `Time: ${at.en}\nBrowser: ${details.browser}\nApproximate origin: ${details.origin}`,
        'If this was not you, change your password now: every other device gets signed out.',
      ],
      linkLabel: 'Change password',
    },
  );
}

/** A readable name for a User-Agent header ("Chrome on Windows"), or the header itself, shortened. */
export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return 'unknown';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return browser && os ? `${browser} / ${os}` : (browser ?? userAgent.slice(0, 80));
}

/** The client's network, not its exact address: the last part of an IPv4 address, the host half of IPv6, hidden. */
export function approximateOrigin(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.x`;
  if (ip.includes(':')) return `${ip.split(':').slice(0, 4).join(':')}:…`;
  return 'unknown';
}
