// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { expect, it } from 'vitest'
import { createClient } from '../../src/shared/client'
import { createDispatcher } from '../../src/shared/dispatch'
import { installClient } from '../../src/renderer/src/client'
import EngineFailure from '../../src/renderer/src/components/EngineFailure.vue'
import EngineStatus from '../../src/renderer/src/components/EngineStatus.vue'
import NoticeList from '../../src/renderer/src/components/NoticeList.vue'
import { useAppStore } from '../../src/renderer/src/stores/appStore'
import { inProcessTransport } from './inProcessTransport'

it('an engine that keeps crashing shows one notice, then one lasting "cannot start" state with Retry', async () => {
  setActivePinia(createPinia())
  const retried: unknown[] = []
  const bus = inProcessTransport(
    createDispatcher({
      'app.info': async () => ({
        version: '0.1.0',
        mode: 'desktop',
        dataRoot: '/home/me',
        engine: { state: 'starting', pid: null, restarts: 0 }
      }),
      'engine.retry': async (input) => {
        retried.push(input)
        return { state: 'restarting' }
      },
      'dataset.current': async () => null
    })
  )
  installClient(createClient(bus.transport))
  const app = useAppStore()
  await app.start('desktop')
  const page = mount({
    components: { EngineFailure, EngineStatus, NoticeList },
    template: '<EngineStatus /><EngineFailure /><NoticeList />'
  })

  for (let i = 0; i < 2; i++) {
    bus.emit('engine.status', { state: 'crashed', message: `The engine exited with code 1 (${i}).` })
    bus.emit('engine.status', { state: 'restarting' })
  }
  bus.emit('engine.status', { state: 'crashed', message: 'The engine exited with code 1 (2).' })
  await flushPromises()
  expect(page.findAll('[data-testid="notice"]').map((n) => n.text())).toEqual([
    expect.stringContaining('The engine exited with code 1 (2).')
  ])

  const why = 'The engine cannot start: Error: libtensorflow.so.2: cannot open shared object file'
  bus.emit('engine.status', { state: 'failed', message: why })
  await flushPromises()
  expect(page.findAll('[data-testid="notice"]')).toHaveLength(0)
  expect(page.get('[data-testid="engine-failure"]').text()).toContain(why)
  expect(page.get('[data-testid="engine-status"]').text()).toBe('desktop · engine cannot start')

  await page.get('[data-testid="engine-retry"]').trigger('click')
  await flushPromises()
  expect(retried).toEqual([{}])
  bus.emit('engine.status', { state: 'restarting' })
  bus.emit('engine.status', { state: 'ready' })
  await flushPromises()
  expect(page.find('[data-testid="engine-failure"]').exists()).toBe(false)
  expect(page.findAll('[data-testid="notice"]').map((n) => n.text())).toEqual([
    expect.stringContaining('The engine is running again.')
  ])
  page.unmount()
  app.stop()
})
