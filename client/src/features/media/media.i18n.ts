// Texts of the media feature (uploads, the screenshot album, the profile picture).
const en = {
  media: {
    choosePhotos: 'Upload photos…',
    altText: 'Description (alt text) for the next photos',
    altTextHint: 'Optional: what is in the photo, for people who cannot see it. JPEG, PNG, WebP or GIF, up to 15 MB.',
    uploads: 'Uploads',
    uploading: 'Uploading {name}',
    dismiss: 'Dismiss the error about {name}',
    // describeUserError scope `media.errors`: the API's codes for uploads, and the client's own.
    errors: {
      NETWORK: 'The upload did not reach the server. Check your connection and try again.',
      UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
      TOO_LARGE: 'The image is too large (at most 15 MB and 40 megapixels).',
      UNSUPPORTED_MEDIA: 'This is not an image we can use: send JPEG, PNG, WebP or GIF.',
      INVALID: 'The server did not accept this upload.',
      SERVER: 'Something went wrong on our side. Try again.',
      ABORTED: 'The upload was canceled.',
    },
    albumTitle: 'Screenshot album',
    albumError: 'The album could not be loaded.',
    albumEmpty: 'No screenshots yet.',
    albumEmptyPage: 'Screenshots you take during calls will show up here, ready to post.',
    screenshot: 'Screenshot',
    screenshotIn: 'Screenshot in {room}',
    post: 'Post',
    postScreenshot: 'Post the screenshot of {date}',
    uploadAvatar: 'Upload a picture…',
    changeAvatar: 'Change picture…',
    removeAvatar: 'Remove picture',
    avatarSaved: 'Profile picture saved.',
    avatarRemoved: 'Profile picture removed.',
  },
};

const ko: typeof en = {
  media: {
    choosePhotos: '사진 올리기…',
    altText: '다음에 올릴 사진의 설명 (대체 텍스트)',
    altTextHint: '선택 사항: 사진을 볼 수 없는 분을 위해 사진 속 내용을 적어 주세요. JPEG, PNG, WebP, GIF, 15MB까지.',
    uploads: '올리는 중인 파일',
    uploading: '{name} 올리는 중',
    dismiss: '{name} 오류 닫기',
    errors: {
      NETWORK: '서버에 올리지 못했습니다. 연결을 확인하고 다시 시도해 주세요.',
      UNAUTHENTICATED: '로그인이 만료되었습니다. 다시 로그인해 주세요.',
      TOO_LARGE: '이미지가 너무 큽니다. (15MB, 4천만 화소까지)',
      UNSUPPORTED_MEDIA: '사용할 수 없는 이미지입니다. JPEG, PNG, WebP, GIF 파일을 올려 주세요.',
      INVALID: '서버가 이 파일을 받지 않았습니다.',
      SERVER: '서버에 문제가 생겼습니다. 다시 시도해 주세요.',
      ABORTED: '업로드가 취소되었습니다.',
    },
    albumTitle: '스크린샷 앨범',
    albumError: '앨범을 불러오지 못했습니다.',
    albumEmpty: '아직 스크린샷이 없습니다.',
    albumEmptyPage: '영상 통화 중에 찍은 스크린샷이 여기에 모여요. 바로 게시할 수 있습니다.',
    screenshot: '스크린샷',
    screenshotIn: '{room}에서 찍은 스크린샷',
    post: '게시',
    postScreenshot: '{date}에 찍은 스크린샷 게시하기',
    uploadAvatar: '사진 올리기…',
    changeAvatar: '사진 바꾸기…',
    removeAvatar: '사진 삭제',
    avatarSaved: '프로필 사진을 저장했습니다.',
    avatarRemoved: '프로필 사진을 삭제했습니다.',
  },
};

export default { en, ko };
