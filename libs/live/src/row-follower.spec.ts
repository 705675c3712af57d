import { RowFollower } from './row-follower';

const wantsAll = () => true;

describe('RowFollower', () => {
  it('delivers each row once per version, never an older version after a newer one', async () => {
    const follower = new RowFollower(wantsAll, () => undefined);
    for (const row of [
      { id: 'a', version: 2 },
      { id: 'b', version: 1 },
      { id: 'a', version: 2 },
      { id: 'a', version: 1 },
      { id: 'a', version: 4 },
    ])
      follower.offer(row);
    const got = [];
    for (let i = 0; i < 3; i++) got.push((await follower.next()).value);
    expect(got).toEqual([
      { id: 'a', version: 2 },
      { id: 'b', version: 1 },
      { id: 'a', version: 4 },
    ]);
  });

  it('hands a row to a pull that was waiting for it', async () => {
    const follower = new RowFollower(wantsAll, () => undefined);
    const pending = follower.next();
    follower.offer({ id: 'a', version: 1 });
    await expect(pending).resolves.toEqual({ value: { id: 'a', version: 1 }, done: false });
  });

  it('stops once on return(): waiting pulls end, later rows are dropped', async () => {
    const onStop = jest.fn();
    const follower = new RowFollower(wantsAll, onStop);
    const pending = follower.next();
    await follower.return();
    await follower.return();
    follower.offer({ id: 'a', version: 1 });
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    await expect(follower.next()).resolves.toEqual({ value: undefined, done: true });
    expect(onStop).toHaveBeenCalledTimes(1);
  });

  it('cuts off a subscriber that stopped reading, saying so', async () => {
    const onStop = jest.fn();
    const follower = new RowFollower(wantsAll, onStop);
    for (let i = 0; i <= 1000; i++) follower.offer({ id: `row-${i}`, version: 1 });
    await expect(follower.next()).rejects.toThrow('fell 1000 changes behind');
    expect(onStop).toHaveBeenCalledTimes(1);
  });
});
