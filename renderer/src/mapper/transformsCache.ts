import { useEffect, useState } from 'react';
import type { Transport } from '../client';
import type { TransformInfo } from './TransformPicker';

// The transform catalogue never changes while the engine runs: fetch it once per client.
const cache = new WeakMap<Transport, Promise<readonly TransformInfo[]>>();

export function useTransforms(client: Transport): readonly TransformInfo[] {
  const [list, setList] = useState<readonly TransformInfo[]>([]);
  useEffect(() => {
    let live = true;
    let p = cache.get(client);
    if (!p) {
      p = client.call('mapping.transforms', {});
      cache.set(client, p);
      p.catch(() => cache.delete(client)); // try again next time
    }
    p.then((t) => live && setList(t)).catch(() => undefined); // the picker is a convenience; typing still works
    return () => {
      live = false;
    };
  }, [client]);
  return list;
}
