import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error';
import { useApi } from '../api/ApiProvider';
import { useQuery } from '../api/use-query';
import { clerk21 } from '../test/data';
import { refuse } from '../test/fake-transport';
import { renderAsUser } from '../test/render';
import { ErrorNotice } from './ErrorNotice';
import { Loaded } from './Loaded';

const error = (retryable: boolean) =>
  new ApiError({ code: 'store.disk_full', params: {}, message: 'Der Datenträger ist voll.', retryable, ref: 'R-AB12' });

describe('ErrorNotice', () => {
  it('shows the German message and the reference as an alert', () => {
    render(<ErrorNotice error={error(false)} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Der Datenträger ist voll.');
    expect(alert.textContent).toContain('Referenz: R-AB12');
  });

  it('offers "Erneut versuchen" only for retryable errors', () => {
    const onRetry = vi.fn();
    const { rerender } = render(<ErrorNotice error={error(false)} onRetry={onRetry} />);
    expect(screen.queryByRole('button', { name: 'Erneut versuchen' })).toBeNull();
    rerender(<ErrorNotice error={error(true)} onRetry={onRetry} />);
    fireEvent.click(screen.getByRole('button', { name: 'Erneut versuchen' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});

function Amter() {
  const api = useApi();
  const q = useQuery(() => api.call('aemter.list', {}), []);
  return <Loaded query={q}>{(list) => <p>{list.map((a) => a.name).join(', ')}</p>}</Loaded>;
}

describe('a failed query', () => {
  it('shows the envelope error and loads again on retry', async () => {
    let attempts = 0;
    const { transport } = await renderAsUser(<Amter />, clerk21, {
      'aemter.list': () => {
        attempts += 1;
        if (attempts === 1) throw refuse('store.locked_by_other_instance', 'eAkte Desk ist bereits geöffnet.', true, 'R-LOCK');
        return [{ id: '21', name: 'Stadtkasse', behoerdenkennung: null }];
      },
    });
    expect((await screen.findByRole('alert')).textContent).toContain('R-LOCK');
    fireEvent.click(screen.getByRole('button', { name: 'Erneut versuchen' }));
    expect(await screen.findByText('Stadtkasse')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(transport.callsOf('aemter.list')).toHaveLength(2);
  });
});
