/**
 * Cameras and microphones to choose from, and the one in use, for the device pickers.
 * Lists refresh when devices come and go; a switch goes through LiveKit (the published
 * track is restarted on the new device, the camera effect stays on).
 */
import { Room, RoomEvent, Track, type LocalTrack } from 'livekit-client';
import { onScopeDispose, ref } from 'vue';

export type DeviceKind = 'videoinput' | 'audioinput';

export interface DeviceOption {
  deviceId: string;
  label: string;
}

export function useMediaDevices(room: Room) {
  const cameras = ref<DeviceOption[]>([]);
  const microphones = ref<DeviceOption[]>([]);
  const active = ref<Record<DeviceKind, string>>({ videoinput: '', audioinput: '' });
  const switching = ref<DeviceKind | null>(null);
  const failed = ref<DeviceKind | null>(null);

  const trackOf = (kind: DeviceKind): LocalTrack | undefined =>
    room.localParticipant.getTrackPublication(kind === 'videoinput' ? Track.Source.Camera : Track.Source.Microphone)?.track as
      LocalTrack | undefined;

  async function refresh(): Promise<void> {
    const all = await Room.getLocalDevices(undefined, false).catch(() => [] as MediaDeviceInfo[]);
    const options = (kind: DeviceKind) =>
      all
        .filter((d) => d.kind === kind && d.deviceId)
        .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${kind === 'videoinput' ? 'Camera' : 'Microphone'} ${i + 1}` }));
    cameras.value = options('videoinput');
    microphones.value = options('audioinput');
    for (const kind of ['videoinput', 'audioinput'] as const) {
      const id =
        room.getActiveDevice(kind) ??
        (await trackOf(kind)
          ?.getDeviceId(false)
          .catch(() => undefined));
      active.value[kind] = id && id !== 'default' ? id : ((kind === 'videoinput' ? cameras.value : microphones.value)[0]?.deviceId ?? '');
    }
  }

  async function choose(kind: DeviceKind, deviceId: string): Promise<void> {
    if (!deviceId || deviceId === active.value[kind]) return;
    switching.value = kind;
    failed.value = null;
    try {
      const ok = await room.switchActiveDevice(kind, deviceId);
      if (!ok) failed.value = kind;
    } catch {
      failed.value = kind;
    } finally {
      switching.value = null;
      await refresh();
    }
  }

  room.on(RoomEvent.MediaDevicesChanged, refresh).on(RoomEvent.LocalTrackPublished, refresh).on(RoomEvent.ActiveDeviceChanged, refresh);
  onScopeDispose(() => {
    room
      .off(RoomEvent.MediaDevicesChanged, refresh)
      .off(RoomEvent.LocalTrackPublished, refresh)
      .off(RoomEvent.ActiveDeviceChanged, refresh);
  });
  void refresh();

  return { cameras, microphones, active, switching, failed, refresh, choose };
}
