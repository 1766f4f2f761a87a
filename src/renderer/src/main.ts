import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { connectToBackend } from './client'
import './styles.css'

const { mode } = connectToBackend()
const app = createApp(App, { mode })
app.use(createPinia())
app.mount('#app')
