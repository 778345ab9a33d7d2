export { ErrorText } from './ErrorText';
export { errorTextColor, toneColors, useToneStyles } from './tones';
