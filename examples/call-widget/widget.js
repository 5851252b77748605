// The whole integration, no framework: a personal access token asks the PP-ENTER API for room access
// (joinRoom → RoomAccess), and livekit-client connects with it. Everything else is showing video.
const { Room, RoomEvent, Track } = LivekitClient;

const JOIN_ROOM = `mutation JoinRoom($roomId: ID!) {
  joinRoom(roomId: $roomId) {
    access { url token }
    room { title }
    userErrors { code message }
  }
}`;

const form = document.getElementById('join-form');
const statusLine = document.getElementById('status');
const stage = document.getElementById('stage');
const leaveButton = document.getElementById('leave');
let room = null;

const say = (text) => (statusLine.textContent = text);

/** One GraphQL request with the token; a transport or GraphQL error throws with the API's message. */
async function graphql(api, token, query, variables) {
  const response = await fetch(new URL('/graphql', api), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => ({}));
  if (body.errors?.length) throw new Error(`${body.errors[0].extensions?.code ?? 'ERROR'}: ${body.errors[0].message}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return body.data;
}

/** A tile per remote video track, captioned with the person's name. */
function showTrack(track, participant) {
  if (track.kind !== Track.Kind.Video) {
    if (track.kind === Track.Kind.Audio) track.attach(); // audio plays from a detached element
    return;
  }
  const figure = document.createElement('figure');
  figure.dataset.participant = participant.identity;
  figure.dataset.trackSid = track.sid;
  const video = track.attach();
  video.muted = true;
  const caption = document.createElement('figcaption');
  caption.textContent = participant.name || participant.identity;
  figure.append(video, caption);
  stage.append(figure);
}

function removeTrack(track) {
  track.detach().forEach((element) => element.remove());
  stage.querySelector(`figure[data-track-sid="${track.sid}"]`)?.remove();
}

async function join(event) {
  event.preventDefault();
  const data = new FormData(form);
  const api = String(data.get('api'));
  const token = String(data.get('token')).trim();
  say('Asking PP-ENTER for room access…');
  try {
    const { joinRoom } = await graphql(api, token, JOIN_ROOM, { roomId: String(data.get('room')).trim() });
    if (joinRoom.userErrors.length) return say(`Cannot join: ${joinRoom.userErrors[0].code} — ${joinRoom.userErrors[0].message}`);
    room = new Room({ adaptiveStream: true, dynacast: true });
    room
      .on(RoomEvent.TrackSubscribed, (track, _publication, participant) => showTrack(track, participant))
      .on(RoomEvent.TrackUnsubscribed, (track) => removeTrack(track))
      .on(RoomEvent.Disconnected, () => {
        say('Disconnected.');
        stage.replaceChildren();
        form.hidden = false;
        leaveButton.hidden = true;
      });
    await room.connect(joinRoom.access.url, joinRoom.access.token);
    form.hidden = true;
    leaveButton.hidden = false;
    say(`In “${joinRoom.room.title}” — ${room.remoteParticipants.size} other(s) here.`);
    if (data.get('camera')) await room.localParticipant.enableCameraAndMicrophone().catch(() => say('Joined without camera.'));
  } catch (error) {
    say(`Cannot join: ${error.message}`);
  }
}

form.addEventListener('submit', join);
leaveButton.addEventListener('click', () => room?.disconnect());
