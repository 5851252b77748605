import { DefaultApolloClient } from '@vue/apollo-composable';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { useAuthStore } from './features/auth/useAuthStore';
import { applyInitialLocale, i18n } from './i18n';
import { createApollo } from './lib/apollo';
import { createAppRouter } from './router';
import './styles.css';

applyInitialLocale();

const pinia = createPinia();
const auth = useAuthStore(pinia);
const apollo = createApollo(auth);
// Restore the session from the refresh cookie while the rest starts up; the splash shows meanwhile.
void auth.restore();

createApp(App).use(pinia).use(i18n).use(createAppRouter(pinia)).provide(DefaultApolloClient, apollo.client).mount('#app');
