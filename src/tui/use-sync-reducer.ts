import { useReducer, useRef } from 'react';

/** useReducer whose latest state is also readable at once, before React re-renders: keys
 * that arrive together ("j⏎") must act on the state the key before them made. */
export function useSyncReducer<S, A>(reducer: (state: S, action: A) => S, initial: S): [S, (action: A) => void, { readonly current: S }] {
  const [state, dispatch] = useReducer(reducer, initial);
  const latest = useRef(state);
  const send = (action: A) => {
    latest.current = reducer(latest.current, action);
    dispatch(action);
  };
  return [state, send, latest];
}
